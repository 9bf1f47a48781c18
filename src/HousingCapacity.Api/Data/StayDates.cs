namespace HousingCapacity.Api.Data;

/// <summary>
/// The one place that knows how a stay's dates are indexed (issue 30): an ongoing stay counts as ending on <see cref="OpenEnd"/>,
/// and the indexes of schema 10, 20 and 21 (SQLite) / 13 and 14 (PostgreSQL) lead with a place, a unit, a person or a municipality
/// and then that end. A question about a period asked through these methods reads the stays still running in it, or ended in it,
/// never the years of ended stays before it; written any other way (<c>EndDate == null || EndDate &gt; d</c>), the database cannot
/// use those indexes and reads all of history.
/// </summary>
public static class StayDates
{
    /// <summary>The end an ongoing stay is given in the database's indexes and guards. Written as a constant so that the query
    /// matches the index expression; Npgsql writes it as <c>infinity</c>, as PostgreSQL's indexes say.</summary>
    public static readonly DateOnly OpenEnd = DateOnly.MaxValue;

    /// <summary>Stays that share a night with <paramref name="stay"/> ([start, end) ranges, end null while ongoing).</summary>
    public static IQueryable<Placement> Overlapping(this IQueryable<Placement> placements, DateRange stay)
    {
        var start = stay.Start.ToDateOnly();
        var running = placements.Where(p => (p.EndDate ?? EF.Constant(OpenEnd)) > start);
        return stay.End?.ToDateOnly() is { } end ? running.Where(p => p.StartDate < end) : running;
    }

    /// <summary>Stays that ended (their morning of leaving) on a day in [<paramref name="from"/>, <paramref name="before"/>).</summary>
    public static IQueryable<Placement> EndedWithin(this IQueryable<Placement> placements, DateOnly from, DateOnly before) =>
        placements.Where(p => (p.EndDate ?? EF.Constant(OpenEnd)) >= from && (p.EndDate ?? EF.Constant(OpenEnd)) < before);
}
