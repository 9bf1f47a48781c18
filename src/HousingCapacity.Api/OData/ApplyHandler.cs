using System.Linq.Expressions;
using System.Reflection;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace HousingCapacity.Api.OData;

/// <summary>
/// $apply with filter(), groupby((paths)[, aggregate(...)]) and aggregate(...): sum, min, max, average,
/// countdistinct and $count. Grouping and aggregation are one SQL GROUP BY; $orderby (on grouping paths or
/// aliases), $skip and $top apply to the groups, also in SQL.
/// </summary>
internal static class ApplyHandler
{
    /// <param name="EmptyValue">The value over no rows at all: 0 for counts, null (no value) for sums, averages, minima and maxima.</param>
    private sealed record Column(string Path, Func<Expression, Expression> FromGroup, IEdmTypeReference? EdmType, object? EmptyValue = null);

    public static async Task ExecuteAsync<T>(ODataRequest request, IQueryable<T> query, EntitySetInfo set) where T : Entity
    {
        if (request.Http.Request.Query.ContainsKey("$filter") || request.Http.Request.Query.ContainsKey("$expand")
            || request.Http.Request.Query.ContainsKey("$select"))
            throw ODataProblem.BadRequest("NotSupported", "Brug filter() inde i $apply i stedet for $filter, $select eller $expand.",
                "Use filter() inside $apply instead of $filter, $select or $expand together with $apply.", "$apply");

        var apply = request.Parser.ParseApply();
        var binder = request.NewBinder();
        GroupByTransformationNode? groupBy = null;
        AggregateTransformationNode? aggregate = null;
        foreach (var transformation in apply.Transformations)
        {
            if (groupBy is not null || aggregate is not null)
                throw ODataProblem.BadRequest("NotSupported", "Efter groupby eller aggregate understøttes ingen flere transformationer.",
                    "No transformation is supported after groupby or aggregate.", "$apply");
            switch (transformation)
            {
                case FilterTransformationNode f:
                    query = query.Where((Expression<Func<T, bool>>)binder.BindPredicate(f.FilterClause.Expression, f.FilterClause.RangeVariable, typeof(T)));
                    break;
                case GroupByTransformationNode g:
                    groupBy = g;
                    aggregate = g.ChildTransformations as AggregateTransformationNode;
                    if (g.ChildTransformations is not null && aggregate is null)
                        throw ODataProblem.BadRequest("NotSupported", "groupby understøtter kun aggregate() som anden parameter.",
                            "groupby supports only aggregate() as its second parameter.", "$apply");
                    break;
                case AggregateTransformationNode a:
                    aggregate = a;
                    break;
                default:
                    throw ODataProblem.BadRequest("NotSupported", $"Transformationen {transformation.Kind} understøttes ikke.",
                        $"The transformation {transformation.Kind} is not supported.", "$apply");
            }
        }

        if (groupBy is null && aggregate is null)
        {
            // Only filter(): the entities themselves.
            await WriteEntitiesAsync(request, query, set, apply);
            return;
        }

        var item = Expression.Parameter(typeof(T), "x");
        var leaves = groupBy is null ? [] : Leaves(groupBy.GroupingProperties, "").ToList();
        var keyExpressions = leaves.Select(l => binder.BindOver(item, l.Node)).ToList();
        if (keyExpressions.Count > GroupKeys.MaxArity)
            throw ODataProblem.LimitExceeded("GroupByProperties", GroupKeys.MaxArity, "groupby har for mange egenskaber.", "groupby has too many properties.");

        // Group key: a small generic class (anonymous types cannot be made at run time); no groupby: one group.
        var (keyType, keyInit) = keyExpressions.Count == 0
            ? (typeof(int), (Expression)Expression.Constant(1))
            : GroupKeys.New(keyExpressions);
        var keySelector = Expression.Lambda(keyInit, item);
        var groupingType = typeof(IGrouping<,>).MakeGenericType(keyType, typeof(T));
        var grouped = query.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.GroupBy), [typeof(T), keyType],
            query.Expression, Expression.Quote(keySelector)));

        var columns = new List<Column>();
        for (var i = 0; i < leaves.Count; i++)
        {
            var index = i;
            columns.Add(new Column(leaves[i].Path, g => Expression.Property(Expression.Property(g, "Key"), $"P{index + 1}"), leaves[i].Node.TypeReference));
        }
        foreach (var expression in aggregate?.AggregateExpressions ?? [])
        {
            if (expression is not AggregateExpression a)
                throw ODataProblem.BadRequest("NotSupported", "Kun simple aggregeringer understøttes.", "Only simple aggregations are supported.", "$apply");
            columns.Add(new Column(a.Alias, g => Aggregate(a, g, item, binder), a.TypeReference,
                a.Method is AggregationMethod.VirtualPropertyCount or AggregationMethod.CountDistinct ? 0 : null));
        }

        var groupParameter = Expression.Parameter(groupingType, "g");
        var orderedGroups = OrderGroups(request, grouped, groupingType, groupParameter, columns, leaves.Count);
        var page = Page.Read(request);

        var projection = Expression.Lambda(
            Expression.NewArrayInit(typeof(object), columns.Select(c => Expression.Convert(c.FromGroup(groupParameter), typeof(object)))),
            groupParameter);
        var rowsQuery = (IQueryable<object[]>)orderedGroups.Provider.CreateQuery(Expression.Call(typeof(Queryable), nameof(Queryable.Select),
            [groupingType, typeof(object[])], orderedGroups.Expression, Expression.Quote(projection)));
        var rows = await rowsQuery.Skip(page.Skip).Take(page.Take + 1).ToListAsync(request.Http.RequestAborted);
        var next = page.Trim(rows, request);
        // aggregate() without groupby answers one row even over no input (OData Data Aggregation, "aggregate"); SQL GROUP BY a
        // constant gives no group then.
        if (leaves.Count == 0 && rows.Count == 0 && page.Skip == 0)
            rows.Add(columns.Select(c => c.EmptyValue).ToArray()!);

        var odataUri = new ODataUri { ServiceRoot = request.ServiceRoot, Path = request.Path, Apply = apply };
        await request.WriteAsync(odataUri, w =>
        {
            var writer = w.CreateODataResourceSetWriter(set.EdmSet, set.EdmType);
            writer.WriteStart(new ODataResourceSet { NextPageLink = next });
            foreach (var row in rows) WriteRow(writer, set, columns, row);
            writer.WriteEnd();
            writer.Flush();
        }, minimalMetadataOnly: true); // aggregated rows have no key or ETag to build full metadata from
    }

    private static async Task WriteEntitiesAsync<T>(ODataRequest request, IQueryable<T> query, EntitySetInfo set, ApplyClause apply) where T : Entity
    {
        var page = Page.Read(request);
        var rows = await query.OrderBy(e => e.Id).Skip(page.Skip).Take(page.Take + 1).ToListAsync(request.Http.RequestAborted);
        var next = page.Trim(rows, request);
        var odataUri = new ODataUri { ServiceRoot = request.ServiceRoot, Path = request.Path };
        await request.WriteAsync(odataUri, w =>
        {
            var writer = w.CreateODataResourceSetWriter(set.EdmSet, set.EdmType);
            writer.WriteStart(new ODataResourceSet { NextPageLink = next });
            var serializer = request.NewSerializer();
            foreach (var row in rows) serializer.WriteEntity(writer, row, set, null);
            writer.WriteEnd();
            writer.Flush();
        });
    }

    private static IEnumerable<(string Path, SingleValueNode Node)> Leaves(IEnumerable<GroupByPropertyNode> nodes, string prefix)
    {
        foreach (var node in nodes)
        {
            var path = prefix.Length == 0 ? node.Name : $"{prefix}/{node.Name}";
            if (node.Expression is { } expression) yield return (path, expression);
            foreach (var child in Leaves(node.ChildTransformations, path)) yield return child;
        }
    }

    private static Expression Aggregate(AggregateExpression a, Expression group, ParameterExpression item, ExpressionBinder binder)
    {
        var element = item.Type;
        if (a.Method == AggregationMethod.VirtualPropertyCount)
        {
            // Placements/$count counts the related records of the group's rows (as the caller may see them), not the rows.
            if (a.Expression is CountNode related)
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Sum), [element], group,
                    Expression.Lambda(Expression.Convert(binder.BindOver(item, related), typeof(long)), item));
            return Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [element], group);
        }
        var value = binder.BindOver(item, a.Expression);
        var selector = Expression.Lambda(value, item);
        switch (a.Method)
        {
            case AggregationMethod.Sum:
            case AggregationMethod.Average:
            {
                var core = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
                if (core != typeof(int) && core != typeof(long) && core != typeof(double) && core != typeof(decimal))
                    throw ODataProblem.BadRequest("NotSupported", $"{a.Method} kræver en talværdi.", $"{a.Method} needs a numeric value.", "$apply");
                var name = a.Method == AggregationMethod.Sum ? nameof(Enumerable.Sum) : nameof(Enumerable.Average);
                var method = typeof(Enumerable).GetMethods().Single(m => m.Name == name && m.IsGenericMethodDefinition
                    && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType.GetGenericArguments()[1] == value.Type);
                return Expression.Call(method.MakeGenericMethod(element), group, selector);
            }
            case AggregationMethod.Min:
            case AggregationMethod.Max:
                return Expression.Call(typeof(Enumerable), a.Method == AggregationMethod.Min ? nameof(Enumerable.Min) : nameof(Enumerable.Max),
                    [element, value.Type], group, selector);
            case AggregationMethod.CountDistinct:
            {
                var selected = Expression.Call(typeof(Enumerable), nameof(Enumerable.Select), [element, value.Type], group, selector);
                var distinct = Expression.Call(typeof(Enumerable), nameof(Enumerable.Distinct), [value.Type], selected);
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Count), [value.Type], distinct);
            }
            default:
                throw ODataProblem.BadRequest("NotSupported", $"Aggregeringen {a.Method} understøttes ikke.", $"The aggregation {a.Method} is not supported.", "$apply");
        }
    }

    private static IQueryable OrderGroups(ODataRequest request, IQueryable grouped, Type groupingType, ParameterExpression g, List<Column> columns, int groupColumns)
    {
        var text = request.Http.Request.Query["$orderby"].ToString();
        var keys = new List<(Expression Key, bool Descending)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var column = columns.FirstOrDefault(c => c.Path == words[0]);
            if (column is null || words.Length > 2 || words.Length == 2 && words[1] is not ("asc" or "desc"))
                throw ODataProblem.BadRequest("InvalidOrderBy",
                    $"$orderby efter $apply kan kun sortere på de grupperede egenskaber og aliasser: {string.Join(", ", columns.Select(c => c.Path))}.",
                    $"$orderby after $apply can only sort by the grouped properties and aliases: {string.Join(", ", columns.Select(c => c.Path))}.", "$orderby");
            keys.Add((column.FromGroup(g), words.Length == 2 && words[1] == "desc"));
        }
        // Then by every grouping column, so that pages are stable.
        foreach (var c in columns.Take(groupColumns))
            if (keys.All(k => k.Key.ToString() != c.FromGroup(g).ToString()))
                keys.Add((c.FromGroup(g), false));

        var current = grouped;
        for (var i = 0; i < keys.Count; i++)
        {
            var name = i == 0 ? (keys[i].Descending ? "OrderByDescending" : "OrderBy") : (keys[i].Descending ? "ThenByDescending" : "ThenBy");
            var lambda = Expression.Lambda(keys[i].Key, g);
            current = current.Provider.CreateQuery(Expression.Call(typeof(Queryable), name, [groupingType, keys[i].Key.Type], current.Expression, Expression.Quote(lambda)));
        }
        return current;
    }

    private static void WriteRow(ODataWriter writer, EntitySetInfo set, List<Column> columns, object[] row)
    {
        var topLevel = new List<ODataProperty>();
        var nested = new Dictionary<string, List<(string Property, object? Value)>>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            var path = columns[i].Path.Split('/');
            var value = ResourceSerializer.ToODataValue(row[i], null);
            if (value is ODataEnumValue e && columns[i].EdmType is { } t) value = new ODataEnumValue(e.Value, t.FullName());
            // No value (a sum over no rows) under an alias that reuses a non-nullable declared property: left out, not null.
            if (value is null && path.Length == 1 && set.EdmType.FindProperty(path[0]) is { Type.IsNullable: false }) continue;
            if (path.Length == 1) topLevel.Add(new ODataProperty { Name = path[0], Value = value });
            else if (path.Length == 2)
                (nested.TryGetValue(path[0], out var list) ? list : nested[path[0]] = []).Add((path[1], value));
            else
                throw ODataProblem.BadRequest("NotSupported", "groupby understøtter stier med højst én navigation.", "groupby supports paths through at most one navigation.", "$apply");
        }
        // Aggregated rows are not records: transient, with no id or ETag.
        writer.WriteStart(new ODataResource { TypeName = set.EdmType.FullTypeName(), Properties = topLevel, IsTransient = true });
        foreach (var (navigation, properties) in nested)
        {
            var nav = set.Navigations[navigation];
            writer.WriteStart(new ODataNestedResourceInfo { Name = navigation, IsCollection = false });
            writer.WriteStart(new ODataResource
            {
                TypeName = $"{ODataServiceModel.Namespace}.{nav.TargetClrType.Name}",
                IsTransient = true,
                Properties = properties.Select(p => new ODataProperty { Name = p.Property, Value = p.Value }).ToList(),
            });
            writer.WriteEnd();
            writer.WriteEnd();
        }
        writer.WriteEnd();
    }
}

/// <summary>Typed group keys for GROUP BY: EF Core translates member-initialised keys; anonymous types cannot be made at run time.</summary>
internal static class GroupKeys
{
    public const int MaxArity = 5;

    public static (Type Type, Expression Init) New(IReadOnlyList<Expression> values)
    {
        var definition = values.Count switch
        {
            1 => typeof(Key<>), 2 => typeof(Key<,>), 3 => typeof(Key<,,>), 4 => typeof(Key<,,,>), _ => typeof(Key<,,,,>),
        };
        var type = definition.MakeGenericType(values.Select(v => v.Type).ToArray());
        var init = Expression.MemberInit(Expression.New(type),
            values.Select((v, i) => (MemberBinding)Expression.Bind(type.GetProperty($"P{i + 1}")!, v)));
        return (type, init);
    }

    public sealed class Key<T1> { public T1 P1 { get; set; } = default!; }
    public sealed class Key<T1, T2> { public T1 P1 { get; set; } = default!; public T2 P2 { get; set; } = default!; }
    public sealed class Key<T1, T2, T3> { public T1 P1 { get; set; } = default!; public T2 P2 { get; set; } = default!; public T3 P3 { get; set; } = default!; }
    public sealed class Key<T1, T2, T3, T4> { public T1 P1 { get; set; } = default!; public T2 P2 { get; set; } = default!; public T3 P3 { get; set; } = default!; public T4 P4 { get; set; } = default!; }
    public sealed class Key<T1, T2, T3, T4, T5> { public T1 P1 { get; set; } = default!; public T2 P2 { get; set; } = default!; public T3 P3 { get; set; } = default!; public T4 P4 { get; set; } = default!; public T5 P5 { get; set; } = default!; }
}
