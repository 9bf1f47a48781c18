using System.Linq.Expressions;
using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>Computes one bound function (see <see cref="ODataServiceModel.Functions"/>).</summary>
public interface IEntityFunction
{
    string EntitySet { get; }
    string Name { get; }
    /// <param name="bound">The record the function is bound to, or null when bound to the whole set.</param>
    Task<IReadOnlyList<object>> InvokeAsync(HousingDbContext db, Entity? bound, EntityValues parameters, WriteContext context);
}

/// <summary>
/// GET of a bound function. Its rows are computed (with SQL aggregates) by the feature; $filter, $orderby, $select,
/// $top, $skip and $count then apply to those rows with the same binder as the entity sets.
/// </summary>
internal static class FunctionHandler
{
    public static async Task GetAsync(ODataRequest request, IEnumerable<IEntityFunction> functions)
    {
        var segments = request.Path.ToList();
        var operation = (OperationSegment)segments[^1];
        var function = (IEdmFunction)operation.Operations.Single();
        var setName = ((EntitySetSegment)segments[0]).EntitySet.Name;
        var definition = ODataServiceModel.Functions.Single(f => f.EntitySet == setName && f.Name == function.Name);
        var handler = functions.SingleOrDefault(f => f.EntitySet == setName && f.Name == function.Name)
            ?? throw ODataProblem.NotFound("Funktionen findes ikke.", "The function does not exist.");
        if (segments.Count != (definition.BoundToCollection ? 2 : 3) || !definition.BoundToCollection && segments[1] is not KeySegment)
            throw ODataProblem.BadRequest("InvalidPath", "Funktionen er bundet forkert.", "The function is bound the wrong way.");

        Entity? bound = null;
        if (!definition.BoundToCollection)
        {
            var key = (KeySegment)segments[1];
            var id = Convert.ToInt32(key.Keys.Single().Value, System.Globalization.CultureInfo.InvariantCulture);
            bound = (Entity?)await request.Db.FindAsync(request.Service[setName].ClrType, [id], request.Http.RequestAborted)
                ?? throw ODataProblem.NotFound("Posten findes ikke.", "The record does not exist.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in operation.Parameters)
        {
            var type = definition.Parameters.Single(p => p.Name == parameter.Name).Type;
            var value = parameter.Value switch
            {
                ConstantNode c => c.Value,
                ConvertNode { Source: ConstantNode c } => c.Value,
                _ => parameter.Value,
            };
            values[parameter.Name] = ExpressionBinder.ToClr(value, type);
        }
        var context = request.NewWriteContext();
        var rows = await handler.InvokeAsync(request.Db, bound, new EntityValues(values, replace: false), context);
        // For the access log: the person a function is bound to (the rows' persons are noted as they are written).
        if (bound is not null) request.Http.RequestServices.GetRequiredService<Security.PersonsInResponse>().Saw(bound);

        var method = typeof(FunctionHandler).GetMethod(nameof(WriteRowsAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(definition.Returns);
        await (Task)method.Invoke(null, [request, rows, definition.Returns])!;
    }

    private static async Task WriteRowsAsync<T>(ODataRequest request, IReadOnlyList<object> rows, Type type)
    {
        var query = rows.Cast<T>().AsQueryable();
        var binder = request.NewBinder();
        var parser = request.Parser;
        if (request.Http.Request.Query.ContainsKey("$expand") || request.Http.Request.Query.ContainsKey("$apply"))
            throw ODataProblem.BadRequest("NotSupported", "$expand og $apply kan ikke bruges på en funktions resultat.",
                "$expand and $apply cannot be used on a function's result.");
        if (parser.ParseFilter() is { } filter)
            query = query.Where((Expression<Func<T, bool>>)binder.BindPredicate(filter.Expression, filter.RangeVariable, typeof(T)));
        long? total = parser.ParseCount() == true ? query.LongCount() : null;
        query = QueryHandler.OrderBy(query, parser.ParseOrderBy(), binder) ?? query;
        var page = Page.Read(request);
        var list = query.Skip(page.Skip).Take(page.Take + 1).ToList();
        var next = page.Trim(list, request);
        if (type.GetProperty("PersonId") is { } personId)
        {
            var persons = request.Http.RequestServices.GetRequiredService<Security.PersonsInResponse>();
            foreach (var row in list) persons.Saw((int)personId.GetValue(row)!);
        }

        var clause2 = parser.ParseSelectAndExpand();
        var complex = request.Service.ComplexType(type);
        var properties = request.Service.PropertiesOf(type);
        var selected = clause2 is null || clause2.AllSelected
            ? properties.Keys.ToList()
            : clause2.SelectedItems.OfType<PathSelectItem>().Select(p => p.SelectedPath.LastSegment).OfType<PropertySegment>().Select(s => s.Property.Name).ToList();
        var odataUri = new ODataUri { ServiceRoot = request.ServiceRoot, Path = request.Path, SelectAndExpand = clause2 };
        await request.WriteAsync(odataUri, w =>
        {
            var writer = w.CreateODataResourceSetWriter(null, complex);
            writer.WriteStart(new ODataResourceSet { Count = total, NextPageLink = next });
            foreach (var row in list)
            {
                writer.WriteStart(new ODataResource
                {
                    TypeName = complex.FullTypeName(),
                    Properties = selected.Select(n => new ODataProperty
                    {
                        Name = n,
                        Value = ResourceSerializer.ToODataValue(properties[n].GetValue(row), (IEdmStructuralProperty)complex.FindProperty(n)),
                    }).ToList(),
                });
                writer.WriteEnd();
            }
            writer.WriteEnd();
            writer.Flush();
        });
    }
}
