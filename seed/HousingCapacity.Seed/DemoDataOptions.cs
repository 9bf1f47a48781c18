using NodaTime;

namespace HousingCapacity.Seed;

public sealed record DemoDataOptions
{
    /// <summary>Fixed seed: the same options and anchor date give the same data.</summary>
    public int Seed { get; init; } = 20261122;
    /// <summary>The day the data ends ("today" of the demo).</summary>
    public required LocalDate Today { get; init; }
    /// <summary>
    /// Months of history before <see cref="Today"/>: capacity reports, turnaways and short stays every night of them; longer
    /// histories (issue 30: ten years) also have more persons (a year's worth for each year), long stays and waitlist entries
    /// spread over them.
    /// </summary>
    public int Months { get; init; } = 6;

    /// <summary>The most months the generator is asked for (20 years).</summary>
    public const int MaxMonths = 240;
    /// <summary>4 gives the catalogue's four municipalities; up to 98 adds the rest with generated facilities.</summary>
    public int Municipalities { get; init; } = 4;
    /// <summary>Facilities generated for each municipality beyond the catalogue (the large data set).</summary>
    public int FacilitiesPerGeneratedMunicipality { get; init; } = 8;
    /// <summary>Persons per municipality.</summary>
    public int PersonsPerMunicipality { get; init; } = 350;
    /// <summary>Codes of municipalities made large: <see cref="LargeMunicipalityFacilities"/> facilities in all (catalogue
    /// included).</summary>
    public IReadOnlySet<int> LargeMunicipalityCodes { get; init; } = new HashSet<int>();
    public int LargeMunicipalityFacilities { get; init; } = 100;
    /// <summary>Persons of a large municipality, so that its beds are used.</summary>
    public int LargeMunicipalityPersons { get; init; } = 3500;
}
