namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// <c>Persons({id})/HousingCapacity.CountingYear(date=…)</c>: the person's §110 counting year on a date (Domain/CountingYear.cs):
/// when it began and resets, the nights so far, the threshold in force, the warning reached, and when it was passed. The
/// complex type HousingCapacity.CountingYearView.
/// </summary>
public sealed class CountingYearView
{
    public int PersonId { get; init; }
    public DateOnly Date { get; init; }
    /// <summary>"None" (no counting year runs on the date), "Counting", "Warning" or "PastThreshold".</summary>
    public string Status { get; init; } = "None";
    public DateOnly? YearStart { get; init; }
    public DateOnly? ResetsOn { get; init; }
    public int Section110Nights { get; init; }
    public int Threshold { get; init; }
    public int NightsLeft { get; init; }
    public int? WarningLevel { get; init; }
    public DateOnly? ThresholdPassedOn { get; init; }
    public int NightsPastThreshold { get; init; }
    /// <summary>Counting years before this one (or all of them, when none runs on the date).</summary>
    public int EarlierYears { get; init; }

    public static async Task<CountingYearView> InvokeAsync(HousingDbContext db, Person person, LocalDate date, CountingYearRules rules,
        CancellationToken ct)
    {
        var id = person.Id;
        var end = date.PlusDays(1).ToDateOnly();
        var stays = await db.Unscoped<Placement>()
            .Where(p => p.PersonId == id && p.LegalBasis == LegalBasis.Section110 && p.StartDate < end)
            .Select(p => new { p.StartDate, p.EndDate }).ToListAsync(ct);
        var noticed = await NoticedStays.Section110Nights.NoticedAsync(db, db.Unscoped<Person>().Where(p => p.Id == id).Select(p => p.Id),
            DateOnly.MinValue, end, ct);
        var years = CountingYear.Of(stays.Select(s => new DateRange(s.StartDate, s.EndDate)).Concat(noticed[id]), date, rules);
        var year = years.LastOrDefault(y => y.Contains(date));
        var threshold = rules.ThresholdOn(date);
        if (year is null)
            return new CountingYearView { PersonId = id, Date = date.ToDateOnly(), Threshold = threshold, NightsLeft = threshold,
                EarlierYears = years.Count };
        var status = year.StatusOn(rules, date);
        return new CountingYearView
        {
            PersonId = id,
            Date = date.ToDateOnly(),
            Status = status.ThresholdPassedOn is not null ? "PastThreshold" : status.WarningLevel is not null ? "Warning" : "Counting",
            YearStart = year.Start.ToDateOnly(),
            ResetsOn = year.ResetOn.ToDateOnly(),
            Section110Nights = status.Nights,
            Threshold = status.Threshold,
            NightsLeft = Math.Max(0, status.Threshold - status.Nights),
            WarningLevel = status.WarningLevel,
            ThresholdPassedOn = status.ThresholdPassedOn?.ToDateOnly(),
            NightsPastThreshold = status.NightsPastThreshold,
            EarlierYears = years.Count - 1,
        };
    }
}
