using System.Reflection;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// POST, PATCH, PUT and DELETE on entity sets. The body is read by ODataMessageReader against the model
/// (unknown properties and wrong types are a 400); only the properties a set's writer declares may be sent
/// (no mass assignment); If-Match guards updates and deletes (412 on a stale ETag). A write either saves
/// completely or leaves the database as it was.
/// </summary>
internal static class WriteHandler
{
    public static async Task HandleAsync(ODataRequest request, IReadOnlyDictionary<string, IEntitySetWriter> writers, IEnumerable<IEntityAction> actions,
        IEnumerable<ICollectionAction> collectionActions)
    {
        var method = request.Http.Request.Method;
        var segments = request.Path.ToList();
        if (segments is [EntitySetSegment actionSet, KeySegment, OperationSegment operation])
        {
            if (method != "POST")
                throw MethodNotAllowed(request, "Handlinger kaldes med POST.", "Actions are invoked with POST.", "POST");
            var handler = actions.SingleOrDefault(a => a.EntitySet == actionSet.EntitySet.Name && a.Name == operation.Operations.Single().Name)
                ?? throw ODataProblem.NotFound("Handlingen findes ikke.", "The action does not exist.");
            await InvokeActionAsync(request, request.Service[actionSet.EntitySet.Name], (IEdmAction)operation.Operations.Single(), handler);
            return;
        }
        if (segments is [EntitySetSegment collectionSet, OperationSegment collectionOperation] && collectionOperation.Operations.Single() is IEdmAction edmAction)
        {
            if (method != "POST")
                throw MethodNotAllowed(request, "Handlinger kaldes med POST.", "Actions are invoked with POST.", "POST");
            var handler = collectionActions.SingleOrDefault(a => a.EntitySet == collectionSet.EntitySet.Name && a.Name == edmAction.Name)
                ?? throw ODataProblem.NotFound("Handlingen findes ikke.", "The action does not exist.");
            await InvokeCollectionActionAsync(request, request.Service[collectionSet.EntitySet.Name], edmAction, handler);
            return;
        }
        var collection = segments is [EntitySetSegment];
        var keyed = segments is [EntitySetSegment, KeySegment];
        if (!collection && !keyed)
            throw MethodNotAllowed(request, "Der kan kun skrives til en samling eller en post med nøgle.", "Writes go to an entity set or a record by key.", "GET");
        var set = request.Service[((EntitySetSegment)segments[0]).EntitySet.Name];
        if (!writers.TryGetValue(set.Name, out var writer))
            throw MethodNotAllowed(request, $"{set.Name} kan kun læses her; de oprettes og ændres gennem deres arbejdsgange.",
                $"{set.Name} are read-only here; they are created and changed through their workflows.", "GET");
        if (request.Http.Request.Query.Keys.Any(k => k.StartsWith('$') && k != "$format"))
            throw ODataProblem.BadRequest("InvalidQueryOption", "Forespørgselsparametre kan ikke bruges ved skrivning.", "Query options cannot be used with a write.");

        // A method the set never allows is 405 for everyone; one it allows needs a role that may write to the set (403).
        var possible = method == "POST" ? collection
            : keyed && (method == "DELETE" ? writer.AllowsDelete : method is "PATCH" or "PUT" or "MERGE" && writer.AllowsUpdate);
        if (possible) Security.AccessPolicy.EnsureMayWrite(request.Caller, set.Name);

        var context = request.NewWriteContext();
        switch (method)
        {
            case "POST" when collection:
                await CreateAsync(request, set, writer, context);
                break;
            case "PATCH" or "PUT" or "MERGE" when keyed && !writer.AllowsUpdate:
            case "DELETE" when keyed && !writer.AllowsDelete:
                throw MethodNotAllowed(request, $"{set.Name} kan ikke ændres eller slettes direkte; brug deres handlinger (fx HousingCapacity.Discharge).",
                    $"{set.Name} cannot be changed or deleted directly; use their actions (e.g. HousingCapacity.Discharge).", "GET");
            case "PATCH" or "PUT" or "MERGE" when keyed:
                await UpdateAsync(request, set, writer, context, replace: method == "PUT");
                break;
            case "DELETE" when keyed:
                await DeleteAsync(request, set, context);
                break;
            default:
                throw MethodNotAllowed(request, $"{method} er ikke tilladt her.", $"{method} is not allowed here.",
                    collection ? "GET, POST" : "GET, PATCH, PUT, DELETE");
        }
    }

    private static async Task InvokeActionAsync(ODataRequest request, EntitySetInfo set, IEdmAction action, IEntityAction handler)
    {
        var context = request.NewWriteContext();
        var values = await ReadParametersAsync(request, set, action);
        await using var transaction = await request.Db.BeginWriteAsync(context.Cancellation);
        var entity = await FindAsync(request, set, (KeySegment)request.Path.ElementAt(1));
        CheckIfMatch(request, entity);
        var result = await handler.InvokeAsync(request.Db, entity, values, context);
        await request.Db.SaveChangesAsync(context.Cancellation);
        await transaction.CommitAsync(context.Cancellation);
        await RespondWithEntityAsync(request, request.Service.ForType(result.GetType()), result, 200, null, preferMinimalByDefault: false);
    }

    /// <summary>An action on a whole set makes a record (e.g. CheckIn makes a placement): 201 with its Location, as a POST to the set.</summary>
    private static async Task InvokeCollectionActionAsync(ODataRequest request, EntitySetInfo set, IEdmAction action, ICollectionAction handler)
    {
        var context = request.NewWriteContext();
        var values = await ReadParametersAsync(request, set, action);
        await using var transaction = await request.Db.BeginWriteAsync(context.Cancellation);
        var result = await handler.InvokeAsync(request.Db, values, context);
        await request.Db.SaveChangesAsync(context.Cancellation);
        await transaction.CommitAsync(context.Cancellation);
        var resultSet = request.Service.ForType(result.GetType());
        await RespondWithEntityAsync(request, resultSet, result, 201, new Uri(request.ServiceRoot, $"{resultSet.Name}({result.Id})"), preferMinimalByDefault: false);
    }

    /// <summary>Reads an action's parameters from the body (ODataParameterReader against the model); a required one left out is a 400.</summary>
    private static async Task<EntityValues> ReadParametersAsync(ODataRequest request, EntitySetInfo set, IEdmAction action)
    {
        var body = await BufferBodyAsync(request, allowEmpty: true);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var definition = ODataServiceModel.Actions.Single(a => a.EntitySet == set.Name && a.Name == action.Name);
        if (body.Length > 0)
        {
            try
            {
                var settings = new ODataMessageReaderSettings { EnableMessageStreamDisposal = false, MaxProtocolVersion = ODataVersion.V4 };
                using var reader = new ODataMessageReader(new BodyRequestMessage(request.Http.Request, body), settings, request.Service.Model);
                var parameters = reader.CreateODataParameterReader(action);
                while (parameters.Read())
                {
                    if (parameters.State != ODataParameterReaderState.Value)
                        throw ODataProblem.BadRequest("InvalidBody", "Parametrene skal være enkle værdier.", "Parameters must be simple values.");
                    var clr = definition.Parameters.Single(p => p.Name == parameters.Name).Type;
                    values[parameters.Name] = ExpressionBinder.ToClr(parameters.Value, clr);
                }
            }
            catch (ODataException e)
            {
                throw ODataProblem.BadRequest("InvalidBody", "Parametrene er ugyldige: " + e.Message, "The parameters are invalid: " + e.Message);
            }
        }
        foreach (var (name, _, optional) in definition.Parameters)
            if (!optional && (!values.TryGetValue(name, out var value) || value is null))
                throw ODataProblem.BadRequest("MissingParameter", $"Parameteren {name} skal angives.", $"The parameter {name} is required.", name);
        return new EntityValues(values, replace: false);
    }

    private static ODataProblem MethodNotAllowed(ODataRequest request, string da, string en, string allow)
    {
        request.Http.Response.Headers.Allow = allow;
        return new ODataProblem(405, "MethodNotAllowed", da, en);
    }

    private static async Task CreateAsync(ODataRequest request, EntitySetInfo set, IEntitySetWriter writer, WriteContext context)
    {
        var values = await ReadBodyAsync(request, set, writer.Insertable, null, replace: false);
        // One transaction from the first read to the save: on SQLite it takes the write lock at once (BEGIN IMMEDIATE),
        // so competing writes (two officers, the last bed) are serialised and the rules see the committed state.
        await using var transaction = await request.Db.BeginWriteAsync(context.Cancellation);
        var (entity, created) = await writer.CreateAsync(request.Db, values, context);
        if (created) request.Db.Add(entity);
        await request.Db.SaveChangesAsync(context.Cancellation);
        await transaction.CommitAsync(context.Cancellation);
        var location = new Uri(request.ServiceRoot, $"{set.Name}({entity.Id})");
        await RespondWithEntityAsync(request, set, entity, created ? 201 : 200, location, preferMinimalByDefault: false);
    }

    private static async Task UpdateAsync(ODataRequest request, EntitySetInfo set, IEntitySetWriter writer, WriteContext context, bool replace)
    {
        await using var transaction = await request.Db.BeginWriteAsync(context.Cancellation);
        var entity = await FindAsync(request, set);
        CheckIfMatch(request, entity);
        var values = await ReadBodyAsync(request, set, writer.Updatable, entity, replace);
        await writer.UpdateAsync(request.Db, entity, values, context);
        await request.Db.SaveChangesAsync(context.Cancellation);
        await transaction.CommitAsync(context.Cancellation);
        await RespondWithEntityAsync(request, set, entity, 200, null, preferMinimalByDefault: true);
    }

    private static async Task DeleteAsync(ODataRequest request, EntitySetInfo set, WriteContext context)
    {
        var entity = await FindAsync(request, set);
        CheckIfMatch(request, entity);
        request.Db.Remove(entity);
        await request.Db.SaveChangesAsync(context.Cancellation);
        request.Http.Response.StatusCode = StatusCodes.Status204NoContent;
        request.Http.Response.Headers["OData-Version"] = "4.0";
    }

    private static Task<Entity> FindAsync(ODataRequest request, EntitySetInfo set) => FindAsync(request, set, (KeySegment)request.Path.Last());

    private static async Task<Entity> FindAsync(ODataRequest request, EntitySetInfo set, KeySegment key)
    {
        var id = Convert.ToInt32(key.Keys.Single().Value, System.Globalization.CultureInfo.InvariantCulture);
        var entity = (Entity?)await request.Db.FindAsync(set.ClrType, [id], request.Http.RequestAborted);
        return entity ?? throw ODataProblem.NotFound("Posten findes ikke.", "The record does not exist.");
    }

    private static void CheckIfMatch(ODataRequest request, Entity entity)
    {
        var header = request.Http.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*") return;
        var current = ResourceSerializer.ETagOf(entity);
        var matches = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(tag => tag == current || "W/" + tag == current);
        if (!matches)
            throw new ODataProblem(412, "PreconditionFailed",
                "Posten er ændret af en anden siden du hentede den (ETag passer ikke). Hent den igen og prøv på ny.",
                "The record has been changed since you read it (the ETag does not match). Read it again and retry.");
    }

    /// <summary>Reads the body as one resource of the set's type and keeps only what the writer accepts.</summary>
    private static async Task<EntityValues> ReadBodyAsync(ODataRequest request, EntitySetInfo set, IReadOnlySet<string> allowed,
        Entity? current, bool replace)
    {
        var http = request.Http;
        using var body = await BufferBodyAsync(request, allowEmpty: false);

        ODataResource? resource = null;
        var depth = 0;
        try
        {
            var settings = new ODataMessageReaderSettings { EnableMessageStreamDisposal = false, MaxProtocolVersion = ODataVersion.V4 };
            using var reader = new ODataMessageReader(new BodyRequestMessage(http.Request, body), settings, request.Service.Model);
            // The body is already in memory: the synchronous reader is fine here.
            var resourceReader = reader.CreateODataResourceReader(set.EdmSet, set.EdmType);
            while (resourceReader.Read())
            {
                switch (resourceReader.State)
                {
                    case ODataReaderState.ResourceStart: depth++; break;
                    case ODataReaderState.ResourceEnd:
                        if (--depth == 0) resource = (ODataResource)resourceReader.Item;
                        break;
                    case ODataReaderState.NestedResourceInfoStart:
                        throw ODataProblem.BadRequest("DeepInsertNotSupported", "Relaterede poster kan ikke oprettes i samme forespørgsel.",
                            "Related records cannot be created or linked in the same request.");
                }
            }
        }
        catch (ODataException e)
        {
            throw ODataProblem.BadRequest("InvalidBody", "Indholdet er ugyldigt: " + e.Message, "The body is invalid: " + e.Message);
        }
        if (resource is null)
            throw ODataProblem.BadRequest("InvalidBody", "Indholdet er ikke en post.", "The body is not a record.");

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<ProblemDetail>();
        foreach (var property in resource.Properties)
        {
            if (!set.Properties.TryGetValue(property.Name, out var info))
            {
                problems.Add(new ProblemDetail("UnknownProperty", $"{property.Name} findes ikke.", $"{property.Name} does not exist.", property.Name));
                continue;
            }
            var value = ExpressionBinder.ToClr(property.Value, info.PropertyType);
            if (!allowed.Contains(property.Name))
            {
                // A client may echo a read-only value back unchanged (e.g. a whole record in a PUT).
                if (current is not null && Equals(info.GetValue(current), value)) continue;
                problems.Add(new ProblemDetail("ReadOnlyProperty", $"{property.Name} kan ikke sættes her.", $"{property.Name} cannot be set here.", property.Name));
                continue;
            }
            values[property.Name] = value;
        }
        if (problems.Count > 0)
            throw new ODataProblem(400, problems[0].Code, "Indholdet indeholder egenskaber, der ikke kan sættes.",
                "The body contains properties that cannot be set.", problems[0].Target, problems);
        return new EntityValues(values, replace);
    }

    /// <summary>Reads the JSON body into memory, refusing other media types and bodies over the limit.</summary>
    private static async Task<MemoryStream> BufferBodyAsync(ODataRequest request, bool allowEmpty)
    {
        var http = request.Http;
        var limit = request.Options.MaxRequestBodyBytes;
        if (http.Request.ContentLength > limit) throw BodyTooLarge(limit);
        var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            if (body.Length + read > limit) throw BodyTooLarge(limit);
            body.Write(buffer, 0, read);
        }
        if (body.Length == 0 && !allowEmpty)
            throw ODataProblem.BadRequest("EmptyBody", "Forespørgslen mangler indhold.", "The request has no body.");
        var contentType = http.Request.ContentType ?? "";
        if (body.Length > 0 && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            throw new ODataProblem(415, "UnsupportedMediaType", "Indholdet skal være application/json.", "The body must be application/json.");
        body.Position = 0;
        return body;
    }

    private static ODataProblem BodyTooLarge(long limit) => new(413, "QueryLimitExceeded",
        $"Indholdet er for stort. Grænsen MaxRequestBodyBytes er {limit}.", $"The body is too large. The limit MaxRequestBodyBytes is {limit}.", "MaxRequestBodyBytes");

    private static async Task RespondWithEntityAsync(ODataRequest request, EntitySetInfo set, Entity entity, int status, Uri? location, bool preferMinimalByDefault)
    {
        var prefer = request.Http.Request.Headers["Prefer"].ToString();
        var minimal = prefer.Contains("return=minimal", StringComparison.OrdinalIgnoreCase)
                      || preferMinimalByDefault && !prefer.Contains("return=representation", StringComparison.OrdinalIgnoreCase);
        var response = request.Http.Response;
        response.Headers.ETag = ResourceSerializer.ETagOf(entity);
        if (location is not null) response.Headers.Location = location.ToString();
        if (minimal)
        {
            response.StatusCode = StatusCodes.Status204NoContent;
            response.Headers["OData-Version"] = "4.0";
            response.Headers["OData-EntityId"] = new Uri(request.ServiceRoot, $"{set.Name}({entity.Id})").ToString();
            if (prefer.Contains("return=minimal", StringComparison.OrdinalIgnoreCase)) response.Headers["Preference-Applied"] = "return=minimal";
            return;
        }
        var path = new ODataPath(new EntitySetSegment(set.EdmSet), new KeySegment([new KeyValuePair<string, object>("Id", entity.Id)], set.EdmType, set.EdmSet));
        await request.WriteAsync(new ODataUri { ServiceRoot = request.ServiceRoot, Path = path }, w =>
        {
            var writer = w.CreateODataResourceWriter(set.EdmSet, set.EdmType);
            request.NewSerializer().WriteEntity(writer, entity, set, null);
            writer.Flush();
        }, status, r =>
        {
            r.Headers.ETag = ResourceSerializer.ETagOf(entity);
            if (location is not null) r.Headers.Location = location.ToString();
            if (prefer.Contains("return=representation", StringComparison.OrdinalIgnoreCase)) r.Headers["Preference-Applied"] = "return=representation";
        });
    }
}
