using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// The rolling year of Serviceloven §176 a: the 365 nights up to and including a given night. The state refunds 50 % of
/// §110 stays only for the first 90 of them (from 1 April 2026).
/// </summary>
public static class RollingYear
{
    public static LocalDate Start(LocalDate lastNight) => lastNight.PlusDays(-364);

    /// <summary>The distinct nights of <paramref name="stays"/> within the rolling year ending <paramref name="lastNight"/>, in
    /// order.</summary>
    public static List<LocalDate> NightsWithin(IEnumerable<DateRange> stays, LocalDate lastNight)
    {
        var first = Start(lastNight);
        var nights = new SortedSet<LocalDate>();
        foreach (var stay in stays)
            for (var n = stay.Start > first ? stay.Start : first; n <= lastNight && stay.ContainsNight(n); n = n.PlusDays(1))
                nights.Add(n);
        return [.. nights];
    }
}
