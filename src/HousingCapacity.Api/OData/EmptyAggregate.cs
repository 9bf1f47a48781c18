using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser.Aggregation;

namespace HousingCapacity.Api.OData;

/// <summary>
/// <c>$apply=…/aggregate(…)</c> without groupby aggregates the whole (filtered) set into one row, also when the set is empty
/// (OData Aggregation §3.1.3): counts are 0, the other aggregates null. The library answers an empty set with no row at all,
/// so the row is added to its answer here. A null aggregate named like a declared non-nullable property is left out.
/// </summary>
public static class EmptyAggregate
{
    public const string Key = "HousingCapacity.EmptyAggregate";

    public static void Expect(HttpContext http, ODataQueryOptions options)
    {
        if (options.Apply?.ApplyClause is not { } apply) return;
        var steps = apply.Transformations.ToList();
        if (steps.LastOrDefault() is not AggregateTransformationNode aggregate || steps.Any(s => s is GroupByTransformationNode)) return;
        var type = options.Context.ElementType as IEdmStructuredType;
        var row = new JsonObject();
        foreach (var e in aggregate.AggregateExpressions.OfType<AggregateExpression>())
        {
            var count = e.Method is AggregationMethod.CountDistinct or AggregationMethod.VirtualPropertyCount;
            if (count) row[e.Alias] = 0;
            else if (type?.FindProperty(e.Alias) is not { Type.IsNullable: false }) row[e.Alias] = null;
        }
        http.Items[Key] = row;
    }

    /// <summary>The answer with the one row added when the library wrote none; else null (keep the answer).</summary>
    public static byte[]? Complete(HttpContext http, byte[] body)
    {
        if (http.Items[Key] is not JsonObject row || http.Response.StatusCode != 200) return null;
        if (JsonNode.Parse(body) is not JsonObject answer || answer["value"] is not JsonArray { Count: 0 } value) return null;
        value.Add(row.DeepClone());
        return JsonSerializer.SerializeToUtf8Bytes(answer,
            new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
