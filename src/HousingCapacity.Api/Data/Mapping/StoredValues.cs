namespace HousingCapacity.Api.Data.Mapping;

/// <summary>
/// How values are stored, whatever record holds them: enums as their names; dates and instants as fixed-width text on SQLite
/// and as PostgreSQL's own types (date, and timestamptz, which holds UTC only, so an instant is written at offset zero); and the
/// CPR number encrypted with the database's key.
/// </summary>
public static class StoredValues
{
    public static void Configure(ModelConfigurationBuilder b, bool postgreSql)
    {
        b.Properties<Enum>().HaveConversion<string>();
        if (postgreSql)
            StoreTimes<Converters.LocalDateAsDateConverter, Converters.InstantAsTimestampConverter, Converters.UtcTimestampConverter>(b);
        else
            StoreTimes<Converters.LocalDateConverter, Converters.InstantConverter, Converters.UtcInstantConverter>(b);
    }

    /// <summary>The CPR number, encrypted with these keys (the model is built per set of keys: HousingDbContext).</summary>
    public static void StoreCpr(ModelBuilder b, CprProtection cpr) =>
        b.Entity<Person>().Property(x => x.Cpr).HasConversion((Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter)
            new Converters.CprConverter(cpr));

    /// <summary>As properties, and as values that are not properties (e.g. arguments of the date-part functions).</summary>
    private static void StoreTimes<TDate, TInstant, TOffset>(ModelConfigurationBuilder b)
    {
        b.Properties<LocalDate>().HaveConversion<TDate>();
        b.Properties<Instant>().HaveConversion<TInstant>();
        b.Properties<DateTimeOffset>().HaveConversion<TOffset>();
        b.DefaultTypeMapping<LocalDate>().HasConversion<TDate>();
        b.DefaultTypeMapping<Instant>().HasConversion<TInstant>();
        b.DefaultTypeMapping<DateTimeOffset>().HasConversion<TOffset>();
    }
}
