using System.Globalization;
using HousingCapacity.Api.OData;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Data;

/// <summary>
/// The window a date a user gives must lie in (appsettings.json, section "Dates"): not before <see cref="Earliest"/> and not more
/// than <see cref="MaxDaysAhead"/> days after today. Issue 23: a stay starting 9999-12-31 blocked every later allocation of its
/// person and could not be removed, and 0001-01-01 was taken for stays, turnaways and capacity reports. Checked at every save of a
/// caller (<see cref="HousingDbContext"/>) for the dates in <see cref="Given"/>, and before any rule computes with them for those a
/// client sends and for the date parameters of actions and functions.
/// </summary>
public sealed class DateWindow
{
    /// <summary>No record of this product's is older (the municipality's data begin later).</summary>
    public DateOnly Earliest { get; set; } = new(2000, 1, 1);
    /// <summary>How far ahead a planned stay, hold or report may reasonably be.</summary>
    public int MaxDaysAhead { get; set; } = 366;

    /// <summary>The dates people give, by record and property: each is checked against the window when set.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Given = new Dictionary<Type, string[]>
    {
        [typeof(Placement)] = [nameof(Placement.StartDate), nameof(Placement.EndDate), nameof(Placement.FollowUpDecidedOn),
            nameof(Placement.NotifiedOn), nameof(Placement.HousingSupportAfter107DecidedOn)],
        [typeof(SupportPeriod)] = [nameof(SupportPeriod.StartDate)],
        [typeof(CapacityReport)] = [nameof(CapacityReport.Date)],
        [typeof(Turnaway)] = [nameof(Turnaway.Date)],
        [typeof(BedHold)] = [nameof(BedHold.Night)],
        [typeof(WaitlistEntry)] = [nameof(WaitlistEntry.AppliedOn)],
        [typeof(Offer)] = [nameof(Offer.OfferedOn)],
        [typeof(Unit)] = [nameof(Unit.OutOfServiceSince)],
        [typeof(ExtraBeds)] = [nameof(ExtraBeds.FirstNight), nameof(ExtraBeds.LastNight)],
        [typeof(YouthPolicy)] = [nameof(YouthPolicy.EffectiveFrom)],
        [typeof(NoticedStay)] = [nameof(NoticedStay.StartDate), nameof(NoticedStay.EndDate), nameof(NoticedStay.NoticeReceivedOn)],
        [typeof(Transition)] = [nameof(Transition.LosesRoofOn), nameof(Transition.ToldOn)],
    };

    /// <summary>Dates that follow from others (or, a birth date, from the CPR number; an answer's or a closed entry's day, from the
    /// day of the request): not a user's input, not checked.</summary>
    public static readonly IReadOnlyDictionary<Type, string[]> Derived = new Dictionary<Type, string[]>
    {
        [typeof(Person)] = [nameof(Person.BirthDate)],
        [typeof(Placement)] = [nameof(Placement.NotificationDueDate), nameof(Placement.SupportUntil)],
        [typeof(SupportPeriod)] = [nameof(SupportPeriod.EndDate)],
        [typeof(Offer)] = [nameof(Offer.RespondBy), nameof(Offer.AnsweredOn)],
        [typeof(WaitlistEntry)] = [nameof(WaitlistEntry.ClosedOn)],
        [typeof(Transition)] = [nameof(Transition.ClosedOn)],
        // An extra bed's window is its period's nights; the planned last night is the last night as opened.
        [typeof(Unit)] = [nameof(Unit.OpenFrom), nameof(Unit.OpenUntil)],
        [typeof(ExtraBeds)] = [nameof(ExtraBeds.PlannedLastNight)],
    };

    public LocalDate Latest(LocalDate today) => today.PlusDays(MaxDaysAhead);

    /// <summary>Refuses (400 DateOutOfRange) a date outside the window.</summary>
    public void Ensure(DateOnly date, LocalDate today, string target)
    {
        var latest = Latest(today).ToDateOnly();
        if (date >= Earliest && date <= latest) return;
        var da = CultureInfo.GetCultureInfo("da-DK");
        throw Refusal.Invalid("DateOutOfRange",
            $"Datoen {date.ToString("d. MMMM yyyy", da)} kan ikke bruges: en dato skal ligge mellem " +
                $"{Earliest.ToString("d. MMMM yyyy", da)} " +
            $"og {latest.ToString("d. MMMM yyyy", da)}.",
            $"The date {date:yyyy-MM-dd} cannot be used: a date must lie between {Earliest:yyyy-MM-dd} and {latest:yyyy-MM-dd}.",
            target).AsException();
    }

    /// <summary>The dates a client sent for a record of this kind (before any rule computes with them).</summary>
    public void Ensure(Type record, EntityValues values, LocalDate today)
    {
        foreach (var property in Given.GetValueOrDefault(record, []))
            if (values.DateOf(property) is { } date) Ensure(date, today, property);
    }

    /// <summary>Every date set by these changes that a user gives lies in the window.</summary>
    public void Ensure(IEnumerable<EntityEntry<Entity>> changes, LocalDate today)
    {
        foreach (var (property, value) in DeclaredProperties.SetBy(changes, Given))
            if (value is DateOnly date) Ensure(date, today, property);
    }
}
