using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime.Text;

namespace HousingCapacity.Api.Data;

/// <summary>
/// NodaTime and CPR values as text that compares and sorts correctly in SQL: dates as yyyy-MM-dd,
/// instants as UTC yyyy-MM-ddTHH:mm:ss.fffffffZ (fixed width).
/// </summary>
public static class Converters
{
    public static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;
    public static readonly InstantPattern InstantStorePattern =
        InstantPattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm:ss.fffffff'Z'");

    public static string DateToText(LocalDate d) => DatePattern.Format(d);
    public static LocalDate TextToDate(string s) => DatePattern.Parse(s).Value;
    public static string InstantToText(Instant i) => InstantStorePattern.Format(i);
    public static Instant TextToInstant(string s) => InstantStorePattern.Parse(s).Value;

    /// <summary>Instants as DateTimeOffset (as the records expose them), stored exactly as Instant: UTC, fixed width.</summary>
    public sealed class UtcInstantConverter() : ValueConverter<DateTimeOffset, string>(
        d => InstantToText(Instant.FromDateTimeOffset(d)), s => TextToInstant(s).ToDateTimeOffset());
    public sealed class LocalDateConverter() : ValueConverter<LocalDate, string>(d => DateToText(d), s => TextToDate(s));
    public sealed class InstantConverter() : ValueConverter<Instant, string>(i => InstantToText(i), s => TextToInstant(s));
    /// <summary>PostgreSQL: a date as `date`.</summary>
    public sealed class LocalDateAsDateConverter() : ValueConverter<LocalDate, DateOnly>(
        d => d.ToDateOnly(), d => LocalDate.FromDateOnly(d));
    /// <summary>PostgreSQL: an instant as `timestamptz` (microseconds).</summary>
    public sealed class InstantAsTimestampConverter() : ValueConverter<Instant, DateTimeOffset>(
        i => i.ToDateTimeOffset(), d => Instant.FromDateTimeOffset(d));
    /// <summary>PostgreSQL: `timestamptz` takes offset zero only, so any offset given is turned into UTC first.</summary>
    public sealed class UtcTimestampConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(d => d.ToUniversalTime(), d => d);
    /// <summary>CPR numbers are stored encrypted with the database's keys (see Security/CprProtection).</summary>
    public sealed class CprConverter(Security.CprProtection cpr) : ValueConverter<string, string>(
        c => cpr.Encrypt(c), s => cpr.Decrypt(s));
}
