using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using Microsoft.OData.UriParser.Aggregation;

namespace HousingCapacity.Api.OData;

/// <summary>
/// What a query may ask, checked on the parsed query before anything is bound or run: the configured limits (MaxTop,
/// MaxExpandDepth, MaxFilterNodes), the role's right to read every entity set the query reaches (path, $expand, and
/// navigations inside $filter, $orderby, $apply and $compute: <see cref="AccessPolicy"/>), and the CPR rules (a CPR number
/// can only be compared for equality, by those who may see it; never ordered, grouped, computed or passed to a function).
/// </summary>
public sealed class QueryRules(Caller caller, ODataLimits limits)
{
    private int _nodes;

    public void Check(ODataQueryOptions options)
    {
        if (options.Top?.Value > limits.MaxTop) throw TopTooLarge();
        // $apply and $compute first: $filter and $orderby are parsed against the shape they make.
        if (options.Apply?.ApplyClause is { } apply) WalkApply(apply.Transformations);
        if (options.Compute?.ComputeClause is { } compute) foreach (var item in compute.ComputedItems) Walk(item.Expression, false);
        if (options.Filter?.FilterClause is { } filter)
        {
            EnsureBoolean(filter.Expression, "$filter");
            Walk(filter.Expression, cprEqualityAllowed: false);
        }
        if (options.OrderBy?.OrderByClause is { } orderBy) WalkOrderBy(orderBy);
        if (options.SelectExpand?.SelectExpandClause is { } clause)
        {
            if (Depth(clause) > limits.MaxExpandDepth)
                throw ODataProblem.LimitExceeded("MaxExpandDepth", limits.MaxExpandDepth, "$expand er indlejret for dybt.",
                    "$expand is nested too deeply.");
            WalkExpand(clause);
        }
    }

    public static ODataProblem TopTooLarge(int max) => ODataProblem.LimitExceeded("MaxTop", max, "$top er for stor.", "$top is too large.");
    private ODataProblem TopTooLarge() => TopTooLarge(limits.MaxTop);

    public static ODataProblem CprOnlyEquality() => ODataProblem.BadRequest("NotSupported",
        "Et CPR-nummer kan kun sammenlignes med eq, ne eller in og en konstant; ikke sorteres, grupperes eller bruges i funktioner.",
        "A CPR number can only be compared with eq, ne or in and a literal; not ordered, grouped or passed to functions.", "Cpr");

    // $expand=X/$ref is an ExpandedReferenceSelectItem (ExpandedNavigationSelectItem derives from it): every rule below applies to
    // both (issue 23: $ref($filter=Person/Cpr eq …) was 200 where the same without /$ref was 403).
    private static int Depth(SelectExpandClause? clause) =>
        clause?.SelectedItems.OfType<ExpandedReferenceSelectItem>()
            .Select(i => 1 + Depth((i as ExpandedNavigationSelectItem)?.SelectAndExpand)).DefaultIfEmpty(0).Max() ?? 0;

    private void WalkExpand(SelectExpandClause clause)
    {
        foreach (var item in clause.SelectedItems.OfType<ExpandedReferenceSelectItem>())
        {
            // Null for X/$ref, which has no $select, $expand or $levels of its own.
            var navigationItem = item as ExpandedNavigationSelectItem;
            AccessPolicy.EnsureMayRead(caller, item.NavigationSource.Name);
            if (item.TopOption > limits.MaxTop) throw TopTooLarge();
            // Paging a collection and following a single-valued navigation from it would need SQL APPLY, which SQLite lacks.
            if ((item.TopOption is not null || item.SkipOption is not null) && navigationItem?.SelectAndExpand is { } nested
                && nested.SelectedItems.OfType<ExpandedNavigationSelectItem>().Any(i =>
                    !((NavigationPropertySegment)i.PathToNavigationProperty.LastSegment).NavigationProperty.Type.IsCollection()))
                throw ODataProblem.BadRequest("NotSupported",
                    $"$top og $skip i $expand af {item.NavigationSource.Name} kan ikke kombineres med en udvidelse til en enkelt " +
                        "post (fx Person); udelad $top/$skip eller brug $filter.",
                    $"$top and $skip inside $expand of {item.NavigationSource.Name} cannot be combined with expanding a single record " +
                        "(e.g. Person); leave out $top/$skip or use $filter.",
                    "$expand");
            if (navigationItem?.LevelsOption is not null || item.SearchOption is not null || item.ApplyOption is not null)
                throw ODataProblem.BadRequest("NotSupported", "$levels, $search og $apply understøttes ikke i $expand.",
                    "$levels, $search and $apply are not supported inside $expand.", "$expand");
            if (item.FilterOption is { } filter)
            {
                EnsureBoolean(filter.Expression, "$filter");
                Walk(filter.Expression, false);
            }
            if (item.OrderByOption is { } orderBy) WalkOrderBy(orderBy);
            if (item.ComputeOption is { } compute) foreach (var computed in compute.ComputedItems) Walk(computed.Expression, false);
            if (navigationItem?.SelectAndExpand is { } inner) WalkExpand(inner);
        }
    }

    private void WalkOrderBy(OrderByClause? clause)
    {
        for (; clause is not null; clause = clause.ThenBy)
        {
            if (HousingFilterBinder.IsCpr(clause.Expression))
            {
                EnsureMaySeeCpr();
                throw CprOnlyEquality();
            }
            if (Unwrap(clause.Expression) is ConstantNode)
                throw ODataProblem.BadRequest("InvalidOrderBy", "$orderby skal nævne en egenskab, ikke en konstant.",
                    "$orderby must name a property, not a constant.", "$orderby");
            Walk(clause.Expression, false);
        }
    }

    private void WalkApply(IEnumerable<TransformationNode> transformations)
    {
        foreach (var transformation in transformations)
        {
            switch (transformation)
            {
                case FilterTransformationNode f:
                    Walk(f.FilterClause.Expression, false);
                    break;
                case GroupByTransformationNode g:
                    WalkGroups(g.GroupingProperties);
                    if (g.ChildTransformations is { } child) WalkApply([child]);
                    break;
                case AggregateTransformationNode a:
                    WalkAggregates(a.AggregateExpressions);
                    break;
                case ComputeTransformationNode c:
                    foreach (var e in c.Expressions) Walk(e.Expression, false);
                    break;
                default:
                    throw ODataProblem.BadRequest("NotSupported",
                        $"$apply understøtter filter, groupby, aggregate og compute, ikke {transformation.Kind}.",
                        $"$apply supports filter, groupby, aggregate and compute, not {transformation.Kind}.", "$apply");
            }
        }
    }

    private void WalkAggregates(IEnumerable<AggregateExpressionBase> aggregates)
    {
        foreach (var aggregate in aggregates)
            switch (aggregate)
            {
                case AggregateExpression { Method: AggregationMethod.Custom }:
                    throw ODataProblem.BadRequest("NotSupported",
                        "Egne aggregeringsmetoder understøttes ikke; brug sum, min, max, average, countdistinct eller $count.",
                        "Custom aggregation methods are not supported; use sum, min, max, average, countdistinct or $count.", "$apply");
                case AggregateExpression e:
                    if (e.Expression is { } x) Walk(x, false);
                    break;
                case EntitySetAggregateExpression e:
                    // Aggregates over a related collection (Placements($count as n)): who may read that set is checked first, then
                    // they are refused on both providers alike (SQLite could not translate them, PostgreSQL answered).
                    Walk(e.Expression, false);
                    throw ODataProblem.BadRequest("NotSupported",
                        "Aggregering over en relateret samling understøttes ikke i $apply; gruppér i stedet samlingen selv " +
                        "(fx Placements?$apply=groupby((UnitId),aggregate($count as n))).",
                        "Aggregating over a related collection is not supported in $apply; group the collection itself instead " +
                        "(e.g. Placements?$apply=groupby((UnitId),aggregate($count as n))).",
                        "$apply");
                default:
                    throw ODataProblem.BadRequest("NotSupported", "Denne aggregering understøttes ikke.",
                        "This aggregation is not supported.",
                        "$apply");
            }
    }

    private void WalkGroups(IEnumerable<GroupByPropertyNode> groups)
    {
        foreach (var group in groups)
        {
            if (group.Expression is { } e)
            {
                if (HousingFilterBinder.IsCpr(e))
                {
                    EnsureMaySeeCpr();
                    throw CprOnlyEquality();
                }
                Walk(e, false);
            }
            WalkGroups(group.ChildTransformations);
        }
    }

    /// <summary>Filtering, ordering or grouping by CPR number is itself a look-up of it: only for those who may see it.</summary>
    private void EnsureMaySeeCpr()
    {
        if (!AccessPolicy.MaySeeCpr(caller))
            throw new AccessDeniedException($"Rollen {caller.Role} må ikke søge eller sortere på CPR-nummer; brug " +
                "Persons/HousingCapacity.FindByCpr.",
                $"The role {caller.Role} may not filter or order by CPR number; use Persons/HousingCapacity.FindByCpr.");
    }

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode c ? Unwrap(c.Source) : node;

    private static bool IsDateAndInstant(QueryNode a, QueryNode b) =>
        Unwrap(a) is SingleValueNode { TypeReference: { } x } && x.IsDate()
        && Unwrap(b) is SingleValueNode { TypeReference: { } y } && y.IsDateTimeOffset();

    private static bool IsTemporal(QueryNode node) => Unwrap(node) is SingleValueNode { TypeReference: { } t }
        && (t.IsDate() || t.IsDateTimeOffset() || t.IsDuration() || t.IsTimeOfDay());

    /// <summary>The canonical functions that translate to SQL on both providers.</summary>
    private static readonly HashSet<string> SupportedFunctions = new(StringComparer.Ordinal)
    {
        "contains", "startswith", "endswith", "length", "indexof", "substring", "tolower", "toupper", "trim", "concat",
        "year", "month", "day", "hour", "minute", "second", "date", "round", "floor", "ceiling",
    };

    private static bool IsEnum(QueryNode node) => Unwrap(node) is SingleValueNode { TypeReference: { } t } && t.IsEnum();

    /// <summary>A condition must be a Boolean expression: a literal null or a number is a 400, not a failure while it runs.</summary>
    private static void EnsureBoolean(QueryNode? node, string where)
    {
        if (node is SingleValueNode { TypeReference: { } type } && type.IsBoolean() && node is not ConstantNode { Value: null }) return;
        throw ODataProblem.BadRequest("InvalidFilter", $"{where} skal have et logisk udtryk (true/false).",
            $"{where} needs a Boolean expression (true/false).", "$filter");
    }

    private void Walk(QueryNode? node, bool cprEqualityAllowed)
    {
        if (node is null) return;
        if (++_nodes > limits.MaxFilterNodes)
            throw ODataProblem.LimitExceeded("MaxFilterNodes", limits.MaxFilterNodes, "Udtrykket har for mange led.",
                "The expression has too many nodes.");
        switch (node)
        {
            case BinaryOperatorNode b:
                var equality = b.OperatorKind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual;
                if (b.OperatorKind is BinaryOperatorKind.And or BinaryOperatorKind.Or)
                {
                    EnsureBoolean(b.Left, b.OperatorKind.ToString().ToLowerInvariant());
                    EnsureBoolean(b.Right, b.OperatorKind.ToString().ToLowerInvariant());
                }
                // Enum members have no order a client can rely on (they are stored by name).
                if (!equality && b.OperatorKind is BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual
                        or BinaryOperatorKind.GreaterThan
                        or BinaryOperatorKind.GreaterThanOrEqual && (IsEnum(b.Left) || IsEnum(b.Right)))
                    throw ODataProblem.BadRequest("NotSupported", "Værdier af en opremsningstype kan kun sammenlignes med eq, ne og in.",
                        "Enum values can only be compared with eq, ne and in.", "$filter");
                // Enums are stored by name, not as flags: "has" would answer an empty list instead of a meaning.
                if (b.OperatorKind == BinaryOperatorKind.Has)
                    throw ODataProblem.BadRequest("NotSupported", "Operatoren has understøttes ikke; brug eq eller in.",
                        "The operator has is not supported; use eq or in.", "$filter");
                if (IsDateAndInstant(b.Left, b.Right) || IsDateAndInstant(b.Right, b.Left))
                    throw ODataProblem.BadRequest("InvalidFilter",
                        "Et tidspunkt kan ikke sammenlignes med en dato; skriv tidspunktet helt, med klokkeslæt og tidszone " +
                        "(fx 2026-11-22T00:00:00Z).",
                        "An instant cannot be compared with a date; write the instant in full, with time and offset " +
                        "(e.g. 2026-11-22T00:00:00Z).",
                        "$filter");
                // Arithmetic on dates, instants and durations (ExpiresAt sub HeldAt) does not translate to SQL on either provider.
                if (b.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract && (IsTemporal(b.Left) || IsTemporal(b.Right)))
                    throw ODataProblem.BadRequest("NotSupported",
                        "Der kan ikke regnes med datoer, tidspunkter og varigheder; sammenlign dem i stedet.",
                        "Dates, instants and durations cannot be added or subtracted; compare them instead.", "$filter");
                Walk(b.Left, equality);
                Walk(b.Right, equality);
                break;
            case InNode i:
                Walk(i.Left, true);
                Walk(i.Right, false);
                break;
            case UnaryOperatorNode u:
                if (u.OperatorKind == UnaryOperatorKind.Not) EnsureBoolean(u.Operand, "not");
                Walk(u.Operand, false);
                break;
            case ConstantNode { Value: double d } when double.IsNaN(d) || double.IsInfinity(d):
            case ConstantNode { Value: float f } when float.IsNaN(f) || float.IsInfinity(f):
                throw ODataProblem.BadRequest("InvalidLiteral", "NaN og INF kan ikke bruges her.", "NaN and INF cannot be used here.",
                    "$filter");
            case ConvertNode c: Walk(c.Source, cprEqualityAllowed); break;
            case SingleValuePropertyAccessNode p:
                if (HousingFilterBinder.IsCpr(p))
                {
                    EnsureMaySeeCpr();
                    if (!cprEqualityAllowed) throw CprOnlyEquality();
                }
                Walk(p.Source, false);
                break;
            case SingleNavigationNode n:
                AccessPolicy.EnsureMayRead(caller, n.NavigationSource.Name);
                Walk(n.Source, false);
                break;
            case CollectionNavigationNode n:
                AccessPolicy.EnsureMayRead(caller, n.NavigationSource.Name);
                Walk(n.Source, false);
                break;
            case AnyNode a:
                if (a.Body is not null && a.Body is not ConstantNode { Value: true }) EnsureBoolean(a.Body, "any");
                Walk(a.Source, false);
                Walk(a.Body, false);
                break;
            case AllNode a:
                EnsureBoolean(a.Body, "all");
                Walk(a.Source, false);
                Walk(a.Body, false);
                break;
            case CountNode c:
                Walk(c.Source, false);
                if (c.FilterClause is { } countFilter) Walk(countFilter.Expression, false);
                break;
            case SingleValueFunctionCallNode f:
                if (!SupportedFunctions.Contains(f.Name))
                    throw ODataProblem.BadRequest("NotSupported",
                        $"Funktionen {f.Name} understøttes ikke. Understøttede: {string.Join(", ", SupportedFunctions.Order())}.",
                        $"The function {f.Name} is not supported. Supported: {string.Join(", ", SupportedFunctions.Order())}.", "$filter");
                foreach (var p in f.Parameters) Walk(p, false);
                break;
            case SingleResourceFunctionCallNode or CollectionResourceFunctionCallNode or CollectionFunctionCallNode
                or SingleResourceCastNode or CollectionResourceCastNode:
                throw ODataProblem.BadRequest("NotSupported",
                    "Typekonverteringer (cast, isof) og funktioner på poster understøttes ikke.",
                    "Type casts (cast, isof) and functions on records are not supported.", "$filter");
            case CollectionPropertyAccessNode c: Walk(c.Source, false); break;
            case SingleComplexNode c: Walk(c.Source, false); break;
        }
    }
}
