using System.Text.Json;
using System.Text.Json.Serialization;

namespace HousingCapacity.Seed;

/// <summary>The catalogue of places (catalogue.json): invented, realistic facilities in the four municipalities
/// of the source documents, and the official codes and names of all 98 municipalities for the large data set.</summary>
public sealed record Catalogue(IReadOnlyList<CatalogueMunicipality> Municipalities, IReadOnlyList<MunicipalityName> AllMunicipalities)
{
    public static Catalogue Load()
    {
        using var stream = typeof(Catalogue).Assembly.GetManifestResourceStream("HousingCapacity.Seed.catalogue.json")
            ?? throw new InvalidOperationException("catalogue.json is not embedded in HousingCapacity.Seed.");
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };
        return JsonSerializer.Deserialize<Catalogue>(stream, options) ?? throw new InvalidOperationException("catalogue.json is empty.");
    }
}
