namespace HousingCapacity.Api.Reporting;

/// <summary>
/// A quarter of the §110 statistics and its deadline. Danmarks Statistik's deadlines for "Herberger og forsorgshjem mv." are
/// 29 April, 29 July, 31 October and 31 January for the four quarters (dst.dk, Indberet, "Frister for indberetning").
/// </summary>
public readonly record struct DstQuarter(int Year, int Number)
{
    public LocalDate FirstDay => new(Year, Number * 3 - 2, 1);
    public LocalDate LastDay => FirstDay.PlusMonths(3).PlusDays(-1);

    public LocalDate Deadline => Number switch
    {
        1 => new LocalDate(Year, 4, 29),
        2 => new LocalDate(Year, 7, 29),
        3 => new LocalDate(Year, 10, 31),
        _ => new LocalDate(Year + 1, 1, 31),
    };

    /// <summary>As the files and the log name it: "2026-Q3".</summary>
    public string Period => $"{Year}-Q{Number}";

    /// <summary>As a person reads it: "3. kvartal 2026".</summary>
    public string NameDa => $"{Number}. kvartal {Year}";

    public static DstQuarter Of(LocalDate date) => new(date.Year, (date.Month + 2) / 3);

    public DstQuarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);

    public bool Ended(LocalDate today) => LastDay < today;
}
