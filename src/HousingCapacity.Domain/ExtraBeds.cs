using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Extra beds a place opens for a period, as when the cold comes (<see cref="ExtraBedsReason"/>; Finding A Bed Tonight's "surge"
/// beds). They are a unit of their own at the place, open only on the period's nights: counted in the place's free beds and
/// allocated on those nights only, shown as extra, and reported apart from the place's regular capacity. A stay in them ends at
/// the latest the morning after the last night. The period can be closed early only on nights nobody sleeps in them, and never
/// for a night already past.
/// </summary>
public sealed class ExtraBeds : Entity
{
    /// <summary>The longest period opened at once: a winter (15 November to 31 March is 137 nights) with room to spare.</summary>
    public const int MaxNights = 184;

    private ExtraBeds() { }

    /// <param name="tonight">The night it is opened on: a period cannot begin on a night already past.</param>
    public ExtraBeds(int facilityId, LocalDate firstNight, LocalDate lastNight, int beds, ExtraBedsReason reason, string? note,
        LocalDate tonight, Instant openedAt, string openedBy)
    {
        DomainRuleException.ThrowIf(!Enum.IsDefined(reason), "InvalidReason", "Ukendt årsag til ekstra senge.",
            "Unknown reason for extra beds.", nameof(Reason));
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DomainRuleException.ThrowIf(Note is { Length: > 500 }, "TooLong", "Bemærkningen må højst være 500 tegn.",
            "The note can be at most 500 characters.", nameof(Note));
        DomainRuleException.ThrowIf(reason == ExtraBedsReason.Other && Note is null, "NoteRequired",
            "Skriv hvorfor de ekstra senge åbnes.", "Say why the extra beds are opened.", nameof(Note));
        DomainRuleException.ThrowIf(firstNight < tonight, "FirstNightPast",
            "Ekstra senge kan ikke åbnes for en nat, der er gået.", "Extra beds cannot be opened for a night already past.",
            nameof(FirstNight));
        DomainRuleException.ThrowIf(lastNight < firstNight, "LastNightBeforeFirst",
            "Den sidste nat kan ikke ligge før den første.", "The last night cannot come before the first.", nameof(LastNight));
        DomainRuleException.ThrowIf(Period.DaysBetween(firstNight, lastNight) + 1 > MaxNights, "PeriodTooLong",
            $"Ekstra senge åbnes for højst {MaxNights} nætter ad gangen.",
            $"Extra beds are opened for at most {MaxNights} nights at a time.",
            nameof(LastNight));
        FacilityId = facilityId;
        Reason = reason;
        FirstNight = firstNight.ToDateOnly();
        LastNight = lastNight.ToDateOnly();
        PlannedLastNight = LastNight;
        Beds = beds;
        OpenedBy = DomainRuleException.RequireText(openedBy, nameof(OpenedBy), 200, "Åbnet af");
        OpenedAt = openedAt.ToUtc();
        Unit = Unit.Extra(facilityId, Label(reason), beds, firstNight, lastNight);
    }

    public int FacilityId { get; private set; }
    /// <summary>The unit that holds the beds (it is in service only on the period's nights).</summary>
    public int UnitId { get; private set; }
    public DateOnly FirstNight { get; private set; }
    /// <summary>The last night the beds are open: the planned one, or the one before they were closed early.</summary>
    public DateOnly LastNight { get; private set; }
    /// <summary>The last night as the period was opened.</summary>
    public DateOnly PlannedLastNight { get; private set; }
    public int Beds { get; private set; }
    public ExtraBedsReason Reason { get; private set; }
    public string? Note { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    /// <summary>Who closed the beds before the planned last night, and when; null while they run as planned.</summary>
    public string? ClosedEarlyBy { get; private set; }
    public DateTimeOffset? ClosedEarlyAt { get; private set; }

    public Unit? Unit { get; private set; }

    /// <summary>The nights the beds are open (none when closed before the first).</summary>
    public int Nights => Math.Max(0, LastNight.DayNumber - FirstNight.DayNumber + 1);

    /// <summary>The unit's label: what staff see on the board and in the list of beds.</summary>
    public static string Label(ExtraBedsReason reason) => reason switch
    {
        ExtraBedsReason.ColdWeather => "Ekstra senge (kuldeberedskab)",
        ExtraBedsReason.Winter => "Ekstra senge (vinterberedskab)",
        _ => "Ekstra senge",
    };

    /// <summary>
    /// Closes the beds after <paramref name="lastNight"/> (the night before <see cref="FirstNight"/>: never opened). Only nights
    /// not yet past can be closed (from <paramref name="tonight"/> on), and only when nobody has a bed in them on a night from
    /// then on: <paramref name="peopleAfter"/> stays and beds held on those nights, counted by the caller under the place's lock.
    /// </summary>
    public void CloseEarly(LocalDate lastNight, LocalDate tonight, int peopleAfter, Instant at, string by)
    {
        DomainRuleException.ThrowIf(lastNight >= LastNight.ToLocalDate(), "NotEarlier",
            "Vælg en sidste nat før den, sengene allerede lukker efter.",
            "Choose a last night before the one the beds already close after.", "lastNight");
        DomainRuleException.ThrowIf(lastNight < FirstNight.ToLocalDate().PlusDays(-1), "LastNightBeforeFirst",
            "Den sidste nat kan ikke ligge før den første.", "The last night cannot come before the first.", "lastNight");
        DomainRuleException.ThrowIf(lastNight.PlusDays(1) < tonight, "NightPast",
            "En nat, der er gået, kan ikke lukkes: vælg i nat eller senere som den første lukkede nat.",
            "A night already past cannot be closed: close from tonight or later.", "lastNight");
        DomainRuleException.ThrowIf(peopleAfter > 0, "ExtraBedsInUse",
            peopleAfter == 1
                ? "Én person har en af de ekstra senge efter den valgte nat. Flyt eller udskriv personen først."
                : $"{peopleAfter} personer har en af de ekstra senge efter den valgte nat. Flyt eller udskriv dem først.",
            $"{peopleAfter} {(peopleAfter == 1 ? "person has" : "people have")} one of the extra beds after the chosen night. " +
            "Move or discharge them first.", "lastNight");
        LastNight = lastNight.ToDateOnly();
        ClosedEarlyBy = DomainRuleException.RequireText(by, nameof(ClosedEarlyBy), 200, "Lukket af");
        ClosedEarlyAt = at.ToUtc();
        Unit!.CloseAfter(lastNight);
    }
}
