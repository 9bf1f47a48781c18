using System.Globalization;
using System.Text.Json;
using Microsoft.OData.Edm;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Reads the JSON body of a POST, PATCH or PUT against the entity type in the served model, and lists every unknown, read-only
/// or mistyped property in one 400. The domain keeps its invariants with constructors and methods (no public setters), so the
/// library's <c>Delta&lt;T&gt;</c>, which sets properties, does not fit; the values go to the set's <see cref="IEntitySetWriter"/>.
/// </summary>
public static class BodyReader
{
    public static async Task<EntityValues> ReadAsync(HttpRequest request, IEdmStructuredType type, IReadOnlySet<string> allowed,
        Entity? current, bool replace, long limit)
    {
        var root = await ReadJsonAsync(request, limit, allowEmpty: false);
        if (root.ValueKind != JsonValueKind.Object)
            throw ODataProblem.BadRequest("InvalidBody", "Indholdet skal være et JSON-objekt.", "The body must be a JSON object.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<Refusal>();
        foreach (var member in root.EnumerateObject())
        {
            if (member.Name.Contains('@')) continue; // annotations such as @odata.type or @odata.etag
            if (type.FindProperty(member.Name) is not { } property)
            {
                problems.Add(Refusal.Invalid("UnknownProperty", $"{member.Name} findes ikke.", $"{member.Name} does not exist.",
                    member.Name));
                continue;
            }
            if (property is IEdmNavigationProperty)
            {
                problems.Add(Refusal.Invalid("DeepInsertNotSupported",
                    $"{member.Name}: relaterede poster kan ikke oprettes i samme forespørgsel.",
                    $"{member.Name}: related records cannot be created or linked in the same request.", member.Name));
                continue;
            }
            if (!TryConvert(member.Value, property.Type, out var value))
            {
                if (property.Type.IsEnum() && member.Value.ValueKind == JsonValueKind.String)
                {
                    problems.Add(Refusal.Invalid("InvalidEnumValue", $"{member.Name}: '{member.Value.GetString()}' er ikke en af " +
                        string.Join(", ", ((IEdmEnumType)property.Type.Definition).Members.Select(m => m.Name)) + ".",
                        $"{member.Name}: '{member.Value.GetString()}' is not one of " +
                        string.Join(", ", ((IEdmEnumType)property.Type.Definition).Members.Select(m => m.Name)) + ".", member.Name));
                    continue;
                }
                var (da, en) = Describe(property.Type);
                problems.Add(Refusal.Invalid("InvalidValue", $"{member.Name} skal være {da}.", $"{member.Name} must be {en}.",
                    member.Name));
                continue;
            }
            if (!allowed.Contains(member.Name))
            {
                // A client may echo a read-only value back unchanged (e.g. a whole record in a PUT); but not a CPR number, whose
                // answer would otherwise say whether a guessed number is the person's (issue 23): any value of it is refused.
                if (current is not null && member.Name != Privacy.CprProperty
                    && Equals(current.GetType().GetProperty(member.Name)?.GetValue(current), value)) continue;
                problems.Add(Refusal.Invalid("ReadOnlyProperty", $"{member.Name} kan ikke sættes her.",
                    $"{member.Name} cannot be set here.", member.Name));
                continue;
            }
            values[member.Name] = value;
        }
        if (problems.Count > 0)
        {
            // The first problem names the error; an unknown property or a value of the wrong type is an invalid body.
            var code = problems[0].Code is "UnknownProperty" or "InvalidValue" ? "InvalidBody" : problems[0].Code;
            throw new ODataProblem(400, code, "Indholdet indeholder egenskaber, der ikke kan sættes: " + string.Join(", ",
                problems.Select(p => p.Target)) + ".",
                "The body contains properties that cannot be set: " + string.Join(", ", problems.Select(p => p.Target)) + ".",
                    problems[0].Target, problems);
        }
        return new EntityValues(values, replace);
    }

    /// <summary>The body as JSON, refusing other media types, invalid JSON and bodies over the limit (MaxRequestBodyBytes).</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpRequest request, long limit, bool allowEmpty)
    {
        var body = await ReadBytesAsync(request, limit);
        if (body.Length == 0)
            return allowEmpty ? default : throw ODataProblem.BadRequest("EmptyBody", "Forespørgslen mangler indhold.",
                "The request has no body.");
        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ODataProblem(415, "UnsupportedMediaType", "Indholdet skal være application/json.",
                "The body must be application/json.");
        try
        {
            EnsureUtf8(body);
            using var document = JsonDocument.Parse(body);
            EnsureWholeText(document.RootElement);
            return document.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or System.Text.DecoderFallbackException or InvalidOperationException)
        {
            throw ODataProblem.BadRequest("InvalidBody", "Indholdet er ikke gyldig JSON i UTF-8.", "The body is not valid JSON in UTF-8.");
        }
    }

    /// <summary>The body's bytes, read no further than the limit (413 past it, MaxRequestBodyBytes).</summary>
    public static async Task<byte[]> ReadBytesAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) throw BodyTooLarge(limit);
        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            if (body.Length + read > limit) throw BodyTooLarge(limit);
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    /// <summary>Strict UTF-8: invalid bytes are refused (DecoderFallbackException), not a replacement character in someone's
    /// name.</summary>
    public static void EnsureUtf8(byte[] body) => _ = new System.Text.UTF8Encoding(false, true).GetCharCount(body);

    /// <summary>Every string of the body is text: an escaped lone surrogate ("\ud800") is valid JSON but no text (issue 23: a
    /// 500).</summary>
    private static void EnsureWholeText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString(); // throws InvalidOperationException for a lone surrogate
                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    EnsureWholeText(member.Value);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) EnsureWholeText(item);
                break;
        }
    }

    private static ODataProblem BodyTooLarge(long limit) => new(413, "QueryLimitExceeded",
        $"Indholdet er for stort. Grænsen MaxRequestBodyBytes er {limit}.",
            $"The body is too large. The limit MaxRequestBodyBytes is {limit}.", "MaxRequestBodyBytes");

    /// <summary>A JSON value as the CLR value of an EDM type (DateOnly, DateTimeOffset, enums by member name), or false.</summary>
    public static bool TryConvert(JsonElement json, IEdmTypeReference type, out object? value)
    {
        value = null;
        if (json.ValueKind == JsonValueKind.Null) return type.IsNullable;
        if (type.IsEnum())
        {
            var clr = EnumTypes.FirstOrDefault(t => t.Name == type.Definition.FullTypeName().Split('.')[^1]);
            if (json.ValueKind != JsonValueKind.String || clr is null) return false;
            var name = json.GetString()!;
            var match = Enum.GetNames(clr).FirstOrDefault(n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (match is null) return false;
            value = Enum.Parse(clr, match);
            return true;
        }
        switch (type.PrimitiveKind())
        {
            case EdmPrimitiveTypeKind.String when json.ValueKind == JsonValueKind.String:
                value = json.GetString();
                return true;
            case EdmPrimitiveTypeKind.Int32 when json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i):
                value = i;
                return true;
            case EdmPrimitiveTypeKind.Boolean when json.ValueKind is JsonValueKind.True or JsonValueKind.False:
                value = json.GetBoolean();
                return true;
            case EdmPrimitiveTypeKind.Date when json.ValueKind == JsonValueKind.String
                                               && DateOnly.TryParseExact(json.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
                                                   DateTimeStyles.None, out var d):
                value = d;
                return true;
            case EdmPrimitiveTypeKind.DateTimeOffset when json.ValueKind == JsonValueKind.String
                                                         && DateTimeOffset.TryParse(json.GetString(), CultureInfo.InvariantCulture,
                                                             DateTimeStyles.None, out var t):
                value = t.ToUniversalTime();
                return true;
            default:
                return false;
        }
    }

    private static readonly Type[] EnumTypes = typeof(Entity).Assembly.GetTypes().Where(t => t.IsEnum).ToArray();

    private static (string Da, string En) Describe(IEdmTypeReference type)
    {
        var (da, en) = type.IsEnum()
            ? ("en af " + string.Join(", ", ((IEdmEnumType)type.Definition).Members.Select(m => m.Name)),
                "one of " + string.Join(", ", ((IEdmEnumType)type.Definition).Members.Select(m => m.Name)))
            : type.PrimitiveKind() switch
            {
                EdmPrimitiveTypeKind.String => ("tekst", "text"),
                EdmPrimitiveTypeKind.Int32 => ("et heltal", "a whole number"),
                EdmPrimitiveTypeKind.Boolean => ("true eller false", "true or false"),
                EdmPrimitiveTypeKind.Date => ("en dato (yyyy-MM-dd)", "a date (yyyy-MM-dd)"),
                EdmPrimitiveTypeKind.DateTimeOffset => ("et tidspunkt med tidszone", "an instant with an offset"),
                _ => (type.FullName(), type.FullName()),
            };
        return type.IsNullable ? (da + " eller null", en + " or null") : (da, en);
    }
}
