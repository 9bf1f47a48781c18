using System.Linq.Expressions;
using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>A room, a bed or a home within a facility. A room with several beds has Beds &gt; 1.</summary>
public sealed class Unit : Entity
{
    private Unit() { Label = ""; }

    public Unit(int facilityId, string label, int beds, UnitStatus status, LocalDate? outOfServiceSince = null)
    {
        Label = "";
        FacilityId = facilityId;
        SetLabelAndBeds(label, beds);
        Status = status;
        OutOfServiceSince = status == UnitStatus.OutOfService ? outOfServiceSince.ToDateOnly() : null;
    }

    public int FacilityId { get; private set; }
    public string Label { get; private set; }
    public int Beds { get; private set; }
    public UnitStatus Status { get; private set; }
    /// <summary>The first night the unit was out of service; null while in service (or when not known).</summary>
    public DateOnly? OutOfServiceSince { get; private set; }

    /// <summary>
    /// Extra beds (<see cref="Domain.ExtraBeds"/>) are open only from OpenFrom (the first night) to OpenUntil (the morning after the
    /// last night, as a stay's end); both null for a regular unit, open on every night it is in service.
    /// </summary>
    public DateOnly? OpenFrom { get; private set; }
    public DateOnly? OpenUntil { get; private set; }
    public bool IsExtra => OpenFrom is not null;

    public Facility? Facility { get; private set; }
    public List<Placement> Placements { get; private set; } = [];

    /// <summary>The unit of a period's extra beds, in service on its nights only.</summary>
    internal static Unit Extra(int facilityId, string label, int beds, LocalDate firstNight, LocalDate lastNight) =>
        new(facilityId, label, beds, UnitStatus.InService)
        {
            OpenFrom = firstNight.ToDateOnly(),
            OpenUntil = lastNight.PlusDays(1).ToDateOnly(),
        };

    internal void CloseAfter(LocalDate lastNight) => OpenUntil = lastNight.PlusDays(1).ToDateOnly();

    /// <summary>True when the unit's beds could be used the night of <paramref name="night"/>, as far as is known.</summary>
    public bool InServiceOn(LocalDate night) => OpenOn(night) && (Status == UnitStatus.InService || OutOfServiceSince is { } since
        && night < since.ToLocalDate());

    /// <summary>
    /// Units whose beds can be given out on <paramref name="night"/> (tonight or later): in service, and open that night (extra
    /// beds: within their period). The query form every count of free beds uses; <see cref="InServiceOn"/> is the history's form.
    /// </summary>
    public static Expression<Func<Unit, bool>> BookableOn(DateOnly night) =>
        u => u.Status == UnitStatus.InService && (u.OpenFrom == null || u.OpenFrom <= night && u.OpenUntil > night);

    /// <summary>The query form of <see cref="OpenOn"/>: every regular unit, and extra beds within their period.</summary>
    public static Expression<Func<Unit, bool>> ExistsOn(DateOnly night) =>
        u => u.OpenFrom == null || u.OpenFrom <= night && u.OpenUntil > night;

    /// <summary>A regular unit is open every night; extra beds on their period's nights.</summary>
    public bool OpenOn(LocalDate night) =>
        OpenFrom is not { } from || from.ToLocalDate() <= night && night < OpenUntil!.Value.ToLocalDate();

    /// <summary>
    /// The stay this unit can give for the one asked: a stay in extra beds ends at the latest the morning after their last night
    /// (one asked without an end gets that end), and a regular unit gives the stay as asked.
    /// </summary>
    public DateRange StayFor(DateRange asked) =>
        OpenUntil is { } until && asked.End is null && asked.Start < until.ToLocalDate()
            ? new DateRange(asked.Start, until.ToLocalDate()) : asked;

    /// <summary>The unit is open on every night of <paramref name="stay"/> (extra beds: within their period).</summary>
    public bool OpenThroughout(DateRange stay) => OpenFrom is not { } from
        || from.ToLocalDate() <= stay.Start && stay.End is { } end && end <= OpenUntil!.Value.ToLocalDate();

    /// <param name="today">The day of the change: a unit taken out of service is out from tonight.</param>
    public void Update(string label, int beds, UnitStatus status, LocalDate today)
    {
        DomainRuleException.ThrowIf(IsExtra, "ExtraBedsUnit",
            "Ekstra senge ændres ved at lukke dem før tid, ikke som en enhed.",
            "Extra beds are changed by closing them early, not as a unit.", nameof(Beds));
        SetLabelAndBeds(label, beds);
        if (status != Status) OutOfServiceSince = status == UnitStatus.OutOfService ? today.ToDateOnly() : null;
        Status = status;
    }

    private void SetLabelAndBeds(string label, int beds)
    {
        Label = DomainRuleException.RequireText(label, nameof(Label), 100, "Betegnelsen");
        DomainRuleException.ThrowIf(beds is < 1 or > 500, "InvalidBeds",
            "En enhed skal have mindst 1 og højst 500 senge.", "A unit must have at least 1 and at most 500 beds.", nameof(Beds));
        Beds = beds;
    }
}
