using NodaTime;

namespace HousingCapacity.Domain;

/// <summary>
/// Records store and expose dates as <see cref="DateOnly"/> (Edm.Date) and instants as <see cref="DateTimeOffset"/> in UTC
/// (Edm.DateTimeOffset), the types the OData query binders and EF Core translate to SQL. The rules reckon in NodaTime
/// (Europe/Copenhagen, working days, ages); these conversions are the edge between the two.
/// </summary>
public static class CalendarEdges
{
    public static LocalDate ToLocalDate(this DateOnly date) => LocalDate.FromDateOnly(date);
    public static LocalDate? ToLocalDate(this DateOnly? date) => date is { } d ? LocalDate.FromDateOnly(d) : null;
    public static DateOnly? ToDateOnly(this LocalDate? date) => date?.ToDateOnly();
    public static Instant ToInstant(this DateTimeOffset at) => Instant.FromDateTimeOffset(at);
    public static Instant? ToInstant(this DateTimeOffset? at) => at is { } a ? Instant.FromDateTimeOffset(a) : null;
    /// <summary>An instant as a UTC offset value (offset zero), the form every record keeps.</summary>
    public static DateTimeOffset ToUtc(this Instant at) => at.ToDateTimeOffset();
}
