namespace HousingCapacity.Api.Reporting;

/// <summary>
/// The month's transitions (issue 28.3): the known dates of losing a roof whose night fell in the month, by kind, and how each had
/// ended by the month's end (or today, while the month goes on): a place secured before the night (on the day counts), a place
/// secured only after it, the person's no, the street or somewhere unknown (the date passed without a place), or still ahead. The
/// median notice is the days from the municipality being told to the night. Counts of persons follow the report's suppression.
/// </summary>
/// <param name="Outcomes">SecuredInTime, SecuredLate, Declined, StreetOrUnknown, StillAhead, suppressed together.</param>
public sealed record TransitionFigures(PersonCount Total, IReadOnlyList<NamedCount> ByKind, IReadOnlyList<NamedCount> Outcomes,
    double? MedianDaysOfNotice)
{
    public static readonly string[] OutcomeNames = ["SecuredInTime", "SecuredLate", "Declined", "StreetOrUnknown", "StillAhead"];

    /// <summary>Each outcome as the committee reads it (the PDF, the page and the spreadsheets).</summary>
    public static string Label(string outcome) => outcome switch
    {
        "SecuredInTime" => "plads sikret inden datoen",
        "SecuredLate" => "plads sikret først efter datoen",
        "Declined" => "personen sagde nej tak",
        "StreetOrUnknown" => "datoen gik uden plads (gaden eller ukendt sted)",
        "StillAhead" => "datoen er ikke nået endnu",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    public PersonCount Outcome(string name) => Outcomes.Single(o => o.Name == name).Count;
}
