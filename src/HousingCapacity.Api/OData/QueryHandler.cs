using System.Linq.Expressions;
using System.Reflection;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// GET on entity sets, keys, navigation paths, properties and /$count, with $filter, $orderby, $select,
/// $expand (nested options), $top, $skip, $count and server-driven paging. The query is composed on EF
/// Core's IQueryable, so the database does the filtering, ordering, paging and expansion.
/// </summary>
internal static class QueryHandler
{
    /// <summary>What the path addresses, with the query that yields it.</summary>
    internal sealed record Target(IQueryable Query, EntitySetInfo Set, bool IsSingle, IQueryable? MustExist, PropertySegment? Property, bool IsCount);

    public static Target Resolve(ODataRequest request)
    {
        IQueryable? query = null;
        EntitySetInfo? set = null;
        IQueryable? mustExist = null;
        var single = false;
        PropertySegment? property = null;
        var count = false;
        foreach (var segment in request.Path)
        {
            if (property is not null || count)
                throw ODataProblem.BadRequest("NotSupported", "Adressen fortsætter efter en egenskab eller $count.", "The path continues after a property or $count.");
            switch (segment)
            {
                case EntitySetSegment s:
                    set = request.Service[s.EntitySet.Name];
                    query = Root(request, set.ClrType);
                    break;
                case KeySegment k:
                    var id = Convert.ToInt32(k.Keys.Single().Value, System.Globalization.CultureInfo.InvariantCulture);
                    query = WhereId(query!, set!.ClrType, id);
                    single = true;
                    break;
                case NavigationPropertySegment n:
                    if (single) mustExist = query;
                    var nav = set!.Navigations[n.NavigationProperty.Name];
                    query = Navigate(query!, set.ClrType, nav);
                    set = request.Service.ForType(nav.TargetClrType);
                    single = !nav.IsCollection;
                    break;
                case PropertySegment p when single:
                    property = p;
                    break;
                case CountSegment when !single:
                    count = true;
                    break;
                default:
                    throw ODataProblem.BadRequest("NotSupported", $"Adressedelen '{segment.Identifier}' understøttes ikke her.",
                        $"The path segment '{segment.Identifier}' is not supported here.");
            }
        }
        if (query is null || set is null)
            throw ODataProblem.NotFound("Adressen findes ikke i tjenesten.", "The resource path does not exist in this service.");
        return new Target(query, set, single, mustExist, property, count);
    }

    public static Task GetAsync(ODataRequest request)
    {
        if (request.Path.LastSegment is OperationSegment)
            return FunctionHandler.GetAsync(request, request.Http.RequestServices.GetServices<IEntityFunction>());
        var target = Resolve(request);
        var method = typeof(QueryHandler).GetMethod(nameof(GetTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(target.Set.ClrType);
        return (Task)method.Invoke(null, [request, target])!;
    }

    private static async Task GetTypedAsync<T>(ODataRequest request, Target target) where T : Entity
    {
        var ct = request.Http.RequestAborted;
        if (target.MustExist is not null && !await AnyAsync(target.MustExist, ct))
            throw ODataProblem.NotFound("Posten findes ikke.", "The record does not exist.");

        var query = ((IQueryable<T>)target.Query).AsNoTracking();
        var parser = request.Parser;
        var binder = request.NewBinder();

        if (request.Http.Request.Query.ContainsKey("$apply"))
        {
            if (target.IsSingle || target.IsCount || target.Property is not null)
                throw ODataProblem.BadRequest("NotSupported", "$apply kan kun bruges på samlinger.", "$apply can only be used on collections.", "$apply");
            await ApplyHandler.ExecuteAsync(request, query, target.Set);
            return;
        }

        var filter = parser.ParseFilter();
        if (filter is not null)
            query = query.Where((Expression<Func<T, bool>>)binder.BindPredicate(filter.Expression, filter.RangeVariable, typeof(T)));

        if (target.IsCount)
        {
            var n = await query.CountAsync(ct);
            request.Http.Response.ContentType = "text/plain; charset=utf-8";
            request.Http.Response.Headers["OData-Version"] = "4.0";
            await request.Http.Response.WriteAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            return;
        }

        var clause = parser.ParseSelectAndExpand();
        CheckExpandDepth(clause, request.Options.MaxExpandDepth);
        if (clause is not null) query = Includes.Apply(query, clause, request);

        var odataUri = new ODataUri { ServiceRoot = request.ServiceRoot, Path = request.Path, SelectAndExpand = clause };

        if (target.IsSingle)
        {
            var entity = await query.FirstOrDefaultAsync(ct);
            if (entity is null)
            {
                if (target.MustExist is not null && target.Property is null)
                {
                    request.Http.Response.StatusCode = StatusCodes.Status204NoContent; // an empty single-valued navigation
                    return;
                }
                throw ODataProblem.NotFound("Posten findes ikke.", "The record does not exist.");
            }
            if (target.Property is { } property)
            {
                var value = ResourceSerializer.ToODataValue(target.Set.Properties[property.Property.Name].GetValue(entity), property.Property as IEdmStructuralProperty);
                if (ResourceSerializer.OnlyWhenSelected.Contains(property.Property.Name))
                    throw new ODataProblem(403, "RestrictedProperty", "Egenskaben kan kun hentes med $select.", "This property can only be read with $select.");
                await request.WriteAsync(odataUri, w => w.WriteProperty(new ODataProperty { Name = property.Property.Name, Value = value }));
                return;
            }
            await request.WriteAsync(odataUri, w =>
            {
                var writer = w.CreateODataResourceWriter(target.Set.EdmSet, target.Set.EdmType);
                request.NewSerializer().WriteEntity(writer, entity, target.Set, clause);
                writer.Flush();
            }, headers: r => r.Headers.ETag = ResourceSerializer.ETagOf(entity));
            return;
        }

        long? total = parser.ParseCount() == true ? await query.LongCountAsync(ct) : null;

        var orderBy = parser.ParseOrderBy();
        query = ApplyOrderBy(query, orderBy, binder);

        var page = Page.Read(request);
        var rows = await query.Skip(page.Skip).Take(page.Take + 1).ToListAsync(ct);
        var next = page.Trim(rows, request);

        await request.WriteAsync(odataUri, w =>
        {
            var writer = w.CreateODataResourceSetWriter(target.Set.EdmSet, target.Set.EdmType);
            writer.WriteStart(new ODataResourceSet { Count = total, NextPageLink = next });
            var serializer = request.NewSerializer();
            foreach (var row in rows) serializer.WriteEntity(writer, row, target.Set, clause);
            writer.WriteEnd();
            writer.Flush();
        });
    }

    private static Task<bool> AnyAsync(IQueryable query, CancellationToken ct) =>
        (Task<bool>)typeof(EntityFrameworkQueryableExtensions).GetMethods()
            .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.AnyAsync) && m.GetParameters().Length == 2)
            .MakeGenericMethod(query.ElementType).Invoke(null, [query, ct])!;

    public static IQueryable<T> ApplyOrderBy<T>(IQueryable<T> query, OrderByClause? orderBy, ExpressionBinder binder) where T : Entity
    {
        // Id last, so that pages are stable and nextLinks never skip or repeat a row.
        var ordered = OrderBy(query, orderBy, binder);
        return ordered is null ? query.OrderBy(e => e.Id) : ordered.ThenBy(e => e.Id);
    }

    /// <summary>$orderby as OrderBy/ThenBy calls on any queryable (entities, or a function's rows); null when there is none.</summary>
    public static IOrderedQueryable<T>? OrderBy<T>(IQueryable<T> query, OrderByClause? orderBy, ExpressionBinder binder)
    {
        IOrderedQueryable<T>? ordered = null;
        for (var clause = orderBy; clause is not null; clause = clause.ThenBy)
        {
            var key = binder.BindOrderKey(clause, typeof(T));
            var descending = clause.Direction == OrderByDirection.Descending;
            var name = ordered is null ? (descending ? "OrderByDescending" : "OrderBy") : (descending ? "ThenByDescending" : "ThenBy");
            var method = typeof(Queryable).GetMethods().Single(m => m.Name == name && m.GetParameters().Length == 2)
                .MakeGenericMethod(typeof(T), key.ReturnType);
            ordered = (IOrderedQueryable<T>)method.Invoke(null, [ordered ?? query, key])!;
        }
        return ordered;
    }

    private static void CheckExpandDepth(SelectExpandClause? clause, int max)
    {
        static int Depth(SelectExpandClause? c) =>
            c?.SelectedItems.OfType<ExpandedNavigationSelectItem>().Select(i => 1 + Depth(i.SelectAndExpand)).DefaultIfEmpty(0).Max() ?? 0;
        if (Depth(clause) > max)
            throw ODataProblem.LimitExceeded("MaxExpandDepth", max, "$expand er indlejret for dybt.", "$expand is nested too deeply.");
    }

    private static IQueryable Root(ODataRequest request, Type clr) =>
        (IQueryable)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(clr).Invoke(request.Db, null)!;

    private static IQueryable WhereId(IQueryable query, Type clr, int id)
    {
        var p = Expression.Parameter(clr, "e");
        var body = Expression.Equal(Expression.Property(p, nameof(Entity.Id)), ExpressionBinder.Closure(id, typeof(int)));
        return query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Where), [clr], query.Expression, Expression.Quote(Expression.Lambda(body, p))));
    }

    private static IQueryable Navigate(IQueryable query, Type clr, NavigationInfo nav)
    {
        var p = Expression.Parameter(clr, "e");
        var access = Expression.Property(p, nav.Property);
        if (nav.IsCollection)
        {
            var selector = Expression.Lambda(typeof(Func<,>).MakeGenericType(clr, typeof(IEnumerable<>).MakeGenericType(nav.TargetClrType)), access, p);
            return query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.SelectMany), [clr, nav.TargetClrType], query.Expression, Expression.Quote(selector)));
        }
        var selected = query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Select), [clr, nav.TargetClrType], query.Expression, Expression.Quote(Expression.Lambda(access, p))));
        var q = Expression.Parameter(nav.TargetClrType, "t");
        var notNull = Expression.Lambda(Expression.NotEqual(q, Expression.Constant(null, nav.TargetClrType)), q);
        return selected.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Where), [nav.TargetClrType], selected.Expression, Expression.Quote(notNull)));
    }
}

/// <summary>$expand as EF Core (filtered) includes, with nested $filter, $orderby, $skip and $top per collection.</summary>
internal static class Includes
{
    private static readonly MethodInfo Include = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.Include) && m.GetGenericArguments().Length == 2);
    private static readonly MethodInfo ThenIncludeAfterCollection = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.ThenInclude)
                     && m.GetParameters()[0].ParameterType.GetGenericArguments()[1].IsGenericType);
    private static readonly MethodInfo ThenIncludeAfterReference = typeof(EntityFrameworkQueryableExtensions).GetMethods()
        .Single(m => m.Name == nameof(EntityFrameworkQueryableExtensions.ThenInclude)
                     && !m.GetParameters()[0].ParameterType.GetGenericArguments()[1].IsGenericType);

    public static IQueryable<T> Apply<T>(IQueryable<T> query, SelectExpandClause clause, ODataRequest request) where T : Entity
    {
        var chains = new List<List<(ExpandedNavigationSelectItem Item, NavigationInfo Nav)>>();
        Collect(clause, typeof(T), [], chains, request.Service);
        if (chains.Count == 0) return query;
        object current = query;
        foreach (var chain in chains)
        {
            var previous = typeof(T);
            var previousIsCollection = false;
            for (var i = 0; i < chain.Count; i++)
            {
                var (item, nav) = chain[i];
                var p = Expression.Parameter(previous, "e");
                Expression body = Expression.Property(p, nav.Property);
                if (nav.IsCollection) body = NestedOptions(body, item, nav.TargetClrType, request);
                var lambda = Expression.Lambda(body, p);
                current = i == 0
                    ? Include.MakeGenericMethod(typeof(T), body.Type).Invoke(null, [current, lambda])!
                    : (previousIsCollection ? ThenIncludeAfterCollection : ThenIncludeAfterReference)
                        .MakeGenericMethod(typeof(T), previous, body.Type).Invoke(null, [current, lambda])!;
                previous = nav.TargetClrType;
                previousIsCollection = nav.IsCollection;
            }
        }
        return ((IQueryable<T>)current).AsSplitQuery();
    }

    private static void Collect(SelectExpandClause clause, Type type, List<(ExpandedNavigationSelectItem, NavigationInfo)> prefix,
        List<List<(ExpandedNavigationSelectItem, NavigationInfo)>> chains, ODataServiceModel service)
    {
        foreach (var item in clause.SelectedItems.OfType<ExpandedNavigationSelectItem>())
        {
            if (item.LevelsOption is not null || item.SearchOption is not null || item.ApplyOption is not null || item.ComputeOption is not null)
                throw ODataProblem.BadRequest("NotSupported", "$levels, $search, $apply og $compute understøttes ikke i $expand.",
                    "$levels, $search, $apply and $compute are not supported inside $expand.", "$expand");
            var name = ((NavigationPropertySegment)item.PathToNavigationProperty.LastSegment).NavigationProperty.Name;
            var nav = service.ForType(type).Navigations[name];
            // EF Core would need SQL APPLY (which SQLite lacks) to page a collection and follow a single-valued navigation from it.
            if ((item.TopOption is not null || item.SkipOption is not null) && item.SelectAndExpand is { } inner
                && inner.SelectedItems.OfType<ExpandedNavigationSelectItem>()
                    .Any(i => !((NavigationPropertySegment)i.PathToNavigationProperty.LastSegment).NavigationProperty.Type.IsCollection()))
                throw ODataProblem.BadRequest("NotSupported",
                    $"$top og $skip i $expand af {name} kan ikke kombineres med en udvidelse til en enkelt post (fx Person); udelad $top/$skip eller brug $filter.",
                    $"$top and $skip inside $expand of {name} cannot be combined with expanding a single record (e.g. Person); leave out $top/$skip or use $filter.",
                    "$expand");
            var path = new List<(ExpandedNavigationSelectItem, NavigationInfo)>(prefix) { (item, nav) };
            var before = chains.Count;
            if (item.SelectAndExpand is not null) Collect(item.SelectAndExpand, nav.TargetClrType, path, chains, service);
            if (chains.Count == before) chains.Add(path);
        }
    }

    private static Expression NestedOptions(Expression collection, ExpandedNavigationSelectItem item, Type element, ODataRequest request)
    {
        var binder = request.NewBinder();
        Expression result = collection;
        if (item.FilterOption is { } filter)
        {
            var predicate = binder.BindPredicate(filter.Expression, filter.RangeVariable, element);
            result = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [element], result, predicate);
        }
        var ordered = false;
        for (var clause = item.OrderByOption; clause is not null; clause = clause.ThenBy)
        {
            var key = binder.BindOrderKey(clause, element);
            var descending = clause.Direction == OrderByDirection.Descending;
            var name = !ordered ? (descending ? "OrderByDescending" : "OrderBy") : (descending ? "ThenByDescending" : "ThenBy");
            result = Expression.Call(typeof(Enumerable), name, [element, key.ReturnType], result, key);
            ordered = true;
        }
        if (item.SkipOption is not null || item.TopOption is not null)
        {
            var id = Expression.Parameter(element, "x");
            var idKey = Expression.Lambda(Expression.Property(id, nameof(Entity.Id)), id);
            result = Expression.Call(typeof(Enumerable), ordered ? "ThenBy" : "OrderBy", [element, typeof(int)], result, idKey);
            if (item.SkipOption is { } skip) result = Expression.Call(typeof(Enumerable), nameof(Enumerable.Skip), [element], result, Expression.Constant((int)Math.Min(skip, int.MaxValue)));
            if (item.TopOption is { } top)
            {
                if (top > request.Options.MaxTop)
                    throw ODataProblem.LimitExceeded("MaxTop", request.Options.MaxTop, "$top er for stor.", "$top is too large.");
                result = Expression.Call(typeof(Enumerable), nameof(Enumerable.Take), [element], result, Expression.Constant((int)top));
            }
        }
        return result;
    }
}
