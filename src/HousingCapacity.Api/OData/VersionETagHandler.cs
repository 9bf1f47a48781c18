using System.Globalization;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.Net.Http.Headers;

namespace HousingCapacity.Api.OData;

/// <summary>ETags are the record's Version as a weak tag, <c>W/"3"</c>, readable by people and stable across releases.</summary>
public sealed class VersionETagHandler : IETagHandler
{
    public EntityTagHeaderValue CreateETag(IDictionary<string, object> properties, TimeZoneInfo? timeZoneInfo = null) =>
        new($"\"{Convert.ToString(properties[nameof(Entity.Version)], CultureInfo.InvariantCulture)}\"", isWeak: true);

    public IDictionary<string, object> ParseETag(EntityTagHeaderValue etagHeaderValue) =>
        new Dictionary<string, object>
        {
            [nameof(Entity.Version)] = int.Parse(etagHeaderValue.Tag.Value!.Trim('"'),
            CultureInfo.InvariantCulture)
        };

    public static string Of(Entity entity) => $"W/\"{entity.Version}\"";
}
