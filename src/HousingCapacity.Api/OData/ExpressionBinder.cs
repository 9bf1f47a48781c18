using System.Linq.Expressions;
using System.Reflection;
using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;
using NodaTime;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Turns the semantic tree of $filter and $orderby into LINQ expressions over the EF Core entity types, so
/// that the database does the work. Constants become SQL parameters (a closure over a box), nullable
/// operands are lifted, constants take the type of the other operand, string ordering uses string.Compare,
/// and Enumerable (not Queryable) methods are used inside any/all.
/// </summary>
internal sealed class ExpressionBinder(ODataServiceModel service, IClock clock, int maxNodes, Security.Caller caller)
{
    private readonly Dictionary<string, ParameterExpression> _scope = new(StringComparer.Ordinal);
    private int _nodes;

    public LambdaExpression BindLambda(SingleValueNode body, RangeVariable it, Type elementType)
    {
        var parameter = Expression.Parameter(elementType, "it");
        _scope[it.Name] = parameter;
        var expression = Bind(body);
        if (expression.Type == typeof(CprNumber)) throw Unsupported("ordering by Cpr");
        return Expression.Lambda(expression, parameter);
    }

    /// <summary>Binds <paramref name="node"/> with every range variable ($it and the like) meaning <paramref name="parameter"/>.</summary>
    public Expression BindOver(ParameterExpression parameter, QueryNode node)
    {
        var saved = new Dictionary<string, ParameterExpression>(_scope);
        _scope.Clear();
        _fallback = parameter;
        try
        {
            var bound = Bind(node);
            return bound.Type == typeof(CprNumber) ? throw Unsupported("grouping or aggregating by Cpr") : bound;
        }
        finally
        {
            _fallback = null;
            foreach (var (name, p) in saved) _scope[name] = p;
        }
    }

    private ParameterExpression? _fallback;

    public LambdaExpression BindPredicate(SingleValueNode body, RangeVariable it, Type elementType)
    {
        var lambda = BindLambda(body, it, elementType);
        var predicate = lambda.Body.Type == typeof(bool?) ? Expression.Equal(lambda.Body, Expression.Constant(true, typeof(bool?))) : lambda.Body;
        if (predicate.Type != typeof(bool))
            throw ODataProblem.BadRequest("InvalidFilter", "$filter skal være et logisk udtryk.", "$filter must be a Boolean expression.", "$filter");
        return Expression.Lambda(predicate, lambda.Parameters);
    }

    public Expression Bind(QueryNode node)
    {
        if (++_nodes > maxNodes)
            throw ODataProblem.LimitExceeded("MaxFilterNodes", maxNodes, "Udtrykket har for mange led.", "The expression has too many nodes.");
        return node switch
        {
            ConstantNode c => Constant(c.Value, ClrTypeOf(c.TypeReference)),
            ConvertNode c => BindConvert(c),
            BinaryOperatorNode b => BindBinary(b),
            UnaryOperatorNode u => BindUnary(u),
            SingleValuePropertyAccessNode p => Property(Bind(p.Source), p.Property.Name),
            ResourceRangeVariableReferenceNode r => _scope.TryGetValue(r.RangeVariable.Name, out var v) ? v
                : _fallback ?? throw Unsupported($"range variable {r.RangeVariable.Name}"),
            SingleNavigationNode n => Navigation(Bind(n.Source), n.NavigationProperty.Name),
            CollectionNavigationNode n => Navigation(Bind(n.Source), n.NavigationProperty.Name),
            AnyNode a => BindAnyAll(a.Source, a.Body, a.CurrentRangeVariable, "Any"),
            AllNode a => BindAnyAll(a.Source, a.Body, a.CurrentRangeVariable, "All"),
            CountNode c => CallEnumerable("Count", ElementTypeOf(Bind(c.Source)), Bind(c.Source)),
            SingleValueFunctionCallNode f => BindFunction(f),
            InNode i => BindIn(i),
            _ => throw Unsupported(node.Kind.ToString()),
        };
    }

    private static ODataProblem Unsupported(string what) => ODataProblem.BadRequest("NotSupported",
        $"Udtrykket bruger noget, som tjenesten ikke understøtter: {what}.", $"The expression uses something this service does not support: {what}.");

    private MemberExpression Property(Expression source, string name)
    {
        // Filtering, ordering or grouping by CPR number is itself a look-up of it: only for those who may see it.
        if (name == "Cpr" && !Security.AccessPolicy.MaySeeCpr(caller))
            throw new Security.AccessDeniedException($"Rollen {caller.Role} må ikke søge eller sortere på CPR-nummer; brug Persons/HousingCapacity.FindByCpr.",
                $"The role {caller.Role} may not filter or order by CPR number; use Persons/HousingCapacity.FindByCpr.");
        return Expression.Property(source, service.PropertiesOf(source.Type)[name]);
    }

    /// <summary>A path through a navigation reads the set it leads to: the caller must be allowed to read that set.</summary>
    private MemberExpression Navigation(Expression source, string name)
    {
        var navigation = service.ForType(source.Type).Navigations[name];
        Security.AccessPolicy.EnsureMayRead(caller, service.ForType(navigation.TargetClrType).Name);
        return Expression.Property(source, navigation.Property);
    }

    private Expression BindConvert(ConvertNode node)
    {
        if (Unwrap(node) is ConstantNode c) return Constant(c.Value, ClrTypeOf(node.TypeReference));
        var source = Bind(node.Source);
        var target = ClrTypeOf(node.TypeReference);
        var sourceCore = Nullable.GetUnderlyingType(source.Type) ?? source.Type;
        var targetCore = Nullable.GetUnderlyingType(target) ?? target;
        if (sourceCore == targetCore || sourceCore == typeof(CprNumber) && targetCore == typeof(string))
            return source.Type == target || !target.IsValueType ? source : ConvertTo(source, target);
        if (IsNumeric(sourceCore) && IsNumeric(targetCore)) return ConvertTo(source, target);
        // e.g. hour() of an Edm.Date, which the parser promotes to DateTimeOffset: not meaningful here.
        throw Unsupported($"conversion of {sourceCore.Name} to {targetCore.Name}");
    }

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode c ? Unwrap(c.Source) : node;

    private Expression BindBinary(BinaryOperatorNode node)
    {
        var leftConst = Unwrap(node.Left) as ConstantNode;
        var rightConst = Unwrap(node.Right) as ConstantNode;
        if (BindCprComparison(node, leftConst, rightConst) is { } cpr) return cpr;
        Expression left, right;
        if (leftConst is not null && rightConst is null)
        {
            right = Bind(node.Right);
            left = Constant(leftConst.Value, right.Type);
        }
        else if (rightConst is not null && leftConst is null)
        {
            left = Bind(node.Left);
            right = Constant(rightConst.Value, left.Type);
        }
        else
        {
            left = Bind(node.Left);
            right = Bind(node.Right);
        }
        (left, right) = Align(left, right);

        switch (node.OperatorKind)
        {
            case BinaryOperatorKind.And: return Expression.AndAlso(AsBool(left), AsBool(right));
            case BinaryOperatorKind.Or: return Expression.OrElse(AsBool(left), AsBool(right));
            case BinaryOperatorKind.Equal: return Expression.Equal(left, right);
            case BinaryOperatorKind.NotEqual: return Expression.NotEqual(left, right);
            case BinaryOperatorKind.GreaterThan:
            case BinaryOperatorKind.GreaterThanOrEqual:
            case BinaryOperatorKind.LessThan:
            case BinaryOperatorKind.LessThanOrEqual:
                return Compare(node.OperatorKind, left, right);
            case BinaryOperatorKind.Add:
            case BinaryOperatorKind.Subtract:
            case BinaryOperatorKind.Multiply:
            case BinaryOperatorKind.Divide:
            case BinaryOperatorKind.Modulo:
                if (!IsNumeric(left.Type))
                    throw Unsupported($"arithmetic on {Nullable.GetUnderlyingType(left.Type)?.Name ?? left.Type.Name}");
                return node.OperatorKind switch
                {
                    BinaryOperatorKind.Add => Expression.Add(left, right),
                    BinaryOperatorKind.Subtract => Expression.Subtract(left, right),
                    BinaryOperatorKind.Multiply => Expression.Multiply(left, right),
                    BinaryOperatorKind.Divide => Expression.Divide(left, right),
                    _ => Expression.Modulo(left, right),
                };
            default:
                throw Unsupported(node.OperatorKind.ToString());
        }
    }

    /// <summary>
    /// CPR numbers are stored encrypted: "Cpr eq '…'" becomes a comparison of the keyed hash (Persons.CprHash). Nothing
    /// else can be asked of a CPR number (no ordering, no functions).
    /// </summary>
    private Expression? BindCprComparison(BinaryOperatorNode node, ConstantNode? leftConst, ConstantNode? rightConst)
    {
        var leftIsCpr = leftConst is null && IsCprProperty(node.Left);
        var rightIsCpr = rightConst is null && IsCprProperty(node.Right);
        if (!leftIsCpr && !rightIsCpr) return null;
        var constant = leftIsCpr ? rightConst : leftConst;
        if (node.OperatorKind is not (BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual) || constant is null)
            throw Unsupported("anything but Cpr eq/ne a literal");
        var person = ((MemberExpression)Bind(leftIsCpr ? node.Left : node.Right)).Expression!;
        var hash = HashedCpr(person);
        if (constant.Value is null)
            return node.OperatorKind == BinaryOperatorKind.Equal ? Expression.Constant(false) : Expression.Constant(true);
        var value = Closure(Security.CprProtection.Hash(((CprNumber)ToClr(constant.Value, typeof(CprNumber))!).Value), typeof(string));
        return node.OperatorKind == BinaryOperatorKind.Equal ? Expression.Equal(hash, value) : Expression.NotEqual(hash, value);
    }

    /// <summary>Decided from the EDM alone, so that every comparison is not bound twice to find out.</summary>
    private static bool IsCprProperty(QueryNode node) =>
        Unwrap(node) is SingleValuePropertyAccessNode { Property.Name: "Cpr" } p
        && p.Property.DeclaringType.FullTypeName() == $"{ODataServiceModel.Namespace}.{nameof(Person)}";

    private static Expression HashedCpr(Expression person) =>
        Expression.Call(typeof(Microsoft.EntityFrameworkCore.EF), nameof(Microsoft.EntityFrameworkCore.EF.Property), [typeof(string)],
            person, Expression.Constant(Data.HousingDbContext.CprHash));

    /// <summary>A true/false operand (of not, and, or, any, all); anything else, null included, is the client's error.</summary>
    private static Expression AsBool(Expression e) =>
        e.Type == typeof(bool?) ? Expression.Equal(e, Expression.Constant(true, typeof(bool?)))
        : e.Type == typeof(bool) ? e
        : throw ODataProblem.BadRequest("InvalidFilter", "Her skal stå et logisk udtryk (sandt/falsk).", "A Boolean (true/false) expression is needed here.", "$filter");

    /// <summary>A $orderby key: a constant orders nothing (and cannot be translated to SQL).</summary>
    public LambdaExpression BindOrderKey(OrderByClause clause, Type elementType) =>
        Unwrap(clause.Expression) is ConstantNode
            ? throw ODataProblem.BadRequest("InvalidOrderBy", "$orderby skal nævne en egenskab, ikke en konstant.", "$orderby must name a property, not a constant.", "$orderby")
            : BindLambda(clause.Expression, clause.RangeVariable, elementType);

    private static Expression Compare(BinaryOperatorKind op, Expression left, Expression right)
    {
        var core = Nullable.GetUnderlyingType(left.Type) ?? left.Type;
        if (core.IsEnum || core == typeof(bool))
            throw Unsupported($"ordering comparison ({op}) on {core.Name}");
        if (core == typeof(string) || core == typeof(CprNumber))
        {
            if (core == typeof(CprNumber)) throw Unsupported("ordering comparison on Cpr");
            var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right);
            left = compare;
            right = Expression.Constant(0);
        }
        return op switch
        {
            BinaryOperatorKind.GreaterThan => Expression.GreaterThan(left, right),
            BinaryOperatorKind.GreaterThanOrEqual => Expression.GreaterThanOrEqual(left, right),
            BinaryOperatorKind.LessThan => Expression.LessThan(left, right),
            _ => Expression.LessThanOrEqual(left, right),
        };
    }

    private Expression BindUnary(UnaryOperatorNode node)
    {
        var operand = Bind(node.Operand);
        return node.OperatorKind switch
        {
            UnaryOperatorKind.Not => Expression.Not(AsBool(operand)),
            UnaryOperatorKind.Negate when IsNumeric(operand.Type) => Expression.Negate(operand),
            _ => throw Unsupported(node.OperatorKind.ToString()),
        };
    }

    private Expression BindAnyAll(CollectionNode source, SingleValueNode body, RangeVariable variable, string method)
    {
        var collection = Bind(source);
        var element = ElementTypeOf(collection);
        if (body is ConstantNode { Value: true } && method == "Any")
            return CallEnumerable("Any", element, collection);
        var parameter = Expression.Parameter(element, variable.Name.TrimStart('$'));
        _scope[variable.Name] = parameter;
        var predicate = AsBool(Bind(body));
        _scope.Remove(variable.Name);
        return CallEnumerable(method, element, collection, Expression.Lambda(predicate, parameter));
    }

    private static Type ElementTypeOf(Expression collection) =>
        collection.Type.GetInterfaces().Append(collection.Type)
            .First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)).GetGenericArguments()[0];

    private static MethodCallExpression CallEnumerable(string name, Type element, params Expression[] args)
    {
        var method = typeof(Enumerable).GetMethods()
            .Single(m => m.Name == name && m.GetParameters().Length == args.Length
                         && (args.Length == 1 || m.GetParameters()[1].ParameterType.GetGenericArguments().Length == 2))
            .MakeGenericMethod(element);
        return Expression.Call(method, args);
    }

    private Expression BindIn(InNode node)
    {
        var left = Bind(node.Left);
        if (node.Right is not CollectionConstantNode list)
            throw Unsupported("'in' with anything but a list of literals");
        if (left.Type == typeof(CprNumber) && left is MemberExpression cpr)
        {
            var hashes = list.Collection.Select(item => Security.CprProtection.Hash(((CprNumber)ToClr(item.Value, typeof(CprNumber))!).Value)).ToList();
            var containsHash = typeof(Enumerable).GetMethods().Single(m => m.Name == "Contains" && m.GetParameters().Length == 2).MakeGenericMethod(typeof(string));
            return Expression.Call(containsHash, Closure(hashes, typeof(List<string>)), HashedCpr(cpr.Expression!));
        }
        var listType = typeof(List<>).MakeGenericType(left.Type);
        var values = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var item in list.Collection) values.Add(ToClr(item.Value, left.Type));
        var contains = typeof(Enumerable).GetMethods().Single(m => m.Name == "Contains" && m.GetParameters().Length == 2)
            .MakeGenericMethod(left.Type);
        return Expression.Call(contains, Closure(values, listType), left);
    }

    private Expression BindFunction(SingleValueFunctionCallNode node)
    {
        var args = node.Parameters.Select(Bind).ToList();
        Expression Str(int i) => args[i].Type == typeof(string) ? args[i] : throw Unsupported($"{node.Name} on a non-string");
        Expression Int(int i) => ConvertTo(args[i], typeof(int));
        MethodInfo StringMethod(string name, params Type[] types) => typeof(string).GetMethod(name, types)!;
        switch (node.Name)
        {
            case "contains": return Expression.Call(Str(0), StringMethod("Contains", typeof(string)), Str(1));
            case "startswith": return Expression.Call(Str(0), StringMethod("StartsWith", typeof(string)), Str(1));
            case "endswith": return Expression.Call(Str(0), StringMethod("EndsWith", typeof(string)), Str(1));
            case "length": return Expression.Property(Str(0), "Length");
            case "indexof": return Expression.Call(Str(0), StringMethod("IndexOf", typeof(string)), Str(1));
            case "tolower": return Expression.Call(Str(0), StringMethod("ToLower"));
            case "toupper": return Expression.Call(Str(0), StringMethod("ToUpper"));
            case "trim": return Expression.Call(Str(0), StringMethod("Trim"));
            case "concat": return Expression.Call(StringMethod("Concat", typeof(string), typeof(string)), Str(0), Str(1));
            case "substring":
                return args.Count == 2
                    ? Expression.Call(Str(0), StringMethod("Substring", typeof(int)), Int(1))
                    : Expression.Call(Str(0), StringMethod("Substring", typeof(int), typeof(int)), Int(1), Int(2));
            case "year" or "month" or "day" or "hour" or "minute" or "second":
            {
                var arg = args[0];
                var core = Nullable.GetUnderlyingType(arg.Type) ?? arg.Type;
                if (core != typeof(LocalDate) && core != typeof(Instant) || core == typeof(LocalDate) && node.Name is "hour" or "minute" or "second")
                    throw Unsupported($"{node.Name}() on {core.Name}");
                var part = char.ToUpperInvariant(node.Name[0]) + node.Name[1..];
                var method = SqlDateFunctions.Method(part, core);
                if (arg.Type == core) return Expression.Call(method, arg);
                // A nullable date: null stays null.
                return Expression.Condition(Expression.Equal(arg, Expression.Constant(null, arg.Type)),
                    Expression.Constant(null, typeof(int?)),
                    Expression.Convert(Expression.Call(method, Expression.Property(arg, "Value")), typeof(int?)));
            }
            case "now": return Closure(clock.GetCurrentInstant(), typeof(Instant));
            case "round" or "floor" or "ceiling":
            {
                var d = ConvertTo(args[0], typeof(double));
                var name = node.Name == "round" ? "Round" : node.Name == "floor" ? "Floor" : "Ceiling";
                return Expression.Call(typeof(Math).GetMethod(name, [typeof(double)])!, d);
            }
            default: throw Unsupported($"{node.Name}()");
        }
    }

    private static bool IsNumeric(Type t)
    {
        var core = Nullable.GetUnderlyingType(t) ?? t;
        return core == typeof(int) || core == typeof(long) || core == typeof(double) || core == typeof(decimal) || core == typeof(float);
    }

    private static int Rank(Type t) => (Nullable.GetUnderlyingType(t) ?? t) switch
    {
        var x when x == typeof(int) => 1,
        var x when x == typeof(long) => 2,
        var x when x == typeof(decimal) => 3,
        var x when x == typeof(float) => 4,
        var x when x == typeof(double) => 5,
        _ => 0,
    };

    /// <summary>Gives both operands one type: lifts to nullable when either is, widens numbers.</summary>
    private static (Expression, Expression) Align(Expression left, Expression right)
    {
        if (left.Type == right.Type) return (left, right);
        var lc = Nullable.GetUnderlyingType(left.Type) ?? left.Type;
        var rc = Nullable.GetUnderlyingType(right.Type) ?? right.Type;
        var nullable = Nullable.GetUnderlyingType(left.Type) is not null || Nullable.GetUnderlyingType(right.Type) is not null;
        Type core;
        if (lc == rc) core = lc;
        else if (IsNumeric(lc) && IsNumeric(rc)) core = Rank(lc) >= Rank(rc) ? lc : rc;
        else throw Unsupported($"comparing {lc.Name} with {rc.Name}");
        var target = nullable && core.IsValueType ? typeof(Nullable<>).MakeGenericType(core) : core;
        return (ConvertTo(left, target), ConvertTo(right, target));
    }

    private static Expression ConvertTo(Expression e, Type target) => e.Type == target ? e : Expression.Convert(e, target);

    private Type ClrTypeOf(IEdmTypeReference? type)
    {
        if (type is null) return typeof(object);
        Type core;
        if (type.IsEnum()) core = service.ClrEnum(type.FullName()) ?? throw Unsupported(type.FullName());
        else core = type.PrimitiveKind() switch
        {
            EdmPrimitiveTypeKind.Int32 or EdmPrimitiveTypeKind.Int16 or EdmPrimitiveTypeKind.Byte or EdmPrimitiveTypeKind.SByte => typeof(int),
            EdmPrimitiveTypeKind.Int64 => typeof(long),
            EdmPrimitiveTypeKind.Boolean => typeof(bool),
            EdmPrimitiveTypeKind.String => typeof(string),
            EdmPrimitiveTypeKind.Double => typeof(double),
            EdmPrimitiveTypeKind.Single => typeof(float),
            EdmPrimitiveTypeKind.Decimal => typeof(decimal),
            EdmPrimitiveTypeKind.Date => typeof(LocalDate),
            EdmPrimitiveTypeKind.DateTimeOffset => typeof(Instant),
            var k => throw Unsupported($"literals of type Edm.{k}"),
        };
        return type.IsNullable && core.IsValueType ? typeof(Nullable<>).MakeGenericType(core) : core;
    }

    /// <summary>A literal as a SQL parameter: a closure over a box, typed as <paramref name="target"/>.</summary>
    private static Expression Constant(object? value, Type target)
    {
        if (value is double d && !double.IsFinite(d) || value is float f && !float.IsFinite(f))
            throw ODataProblem.BadRequest("InvalidLiteral", "NaN og INF kan ikke bruges i en forespørgsel.", "NaN and INF cannot be used in a query.", "$filter");
        if (value is null)
        {
            var nullable = target.IsValueType && Nullable.GetUnderlyingType(target) is null ? typeof(Nullable<>).MakeGenericType(target) : target;
            return Expression.Constant(null, nullable);
        }
        return Closure(ToClr(value, target), target);
    }

    /// <summary>A value as a SQL parameter rather than a literal: a closure over a box.</summary>
    internal static Expression Closure(object? value, Type type)
    {
        var box = Activator.CreateInstance(typeof(Box<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), "Value");
    }

    private sealed class Box<T>(T value)
    {
        public T Value { get; } = value;
    }

    /// <summary>An OData literal or payload value as the CLR type of the property it meets.</summary>
    public static object? ToClr(object? value, Type target)
    {
        if (value is null) return null;
        var core = Nullable.GetUnderlyingType(target) ?? target;
        try
        {
            return value switch
            {
                _ when core.IsInstanceOfType(value) => value,
                Date d when core == typeof(LocalDate) => new LocalDate(d.Year, d.Month, d.Day),
                DateTimeOffset dto when core == typeof(Instant) => Instant.FromDateTimeOffset(dto),
                ODataEnumValue e when core.IsEnum => ParseEnum(core, e.Value),
                string s when core.IsEnum => ParseEnum(core, s),
                string s when core == typeof(CprNumber) => CprNumber.Parse(s),
                IConvertible when IsNumeric(core) && value is not string && value is not bool =>
                    Convert.ChangeType(value, core, System.Globalization.CultureInfo.InvariantCulture),
                _ => throw new InvalidCastException(),
            };
        }
        catch (Exception e) when (e is InvalidCastException or OverflowException or FormatException)
        {
            throw ODataProblem.BadRequest("InvalidLiteral",
                $"Værdien passer ikke til typen {core.Name}.", $"The value does not fit the type {core.Name}.");
        }
    }

    private static object ParseEnum(Type type, string text)
    {
        var name = text.Contains('\'') ? text[(text.IndexOf('\'') + 1)..].TrimEnd('\'') : text;
        if (Enum.TryParse(type, name, ignoreCase: true, out var parsed) && Enum.IsDefined(type, parsed!) && !name.All(char.IsDigit))
            return parsed!;
        if (long.TryParse(name, out var number) && Enum.IsDefined(type, Enum.ToObject(type, number)))
            return Enum.ToObject(type, number);
        throw ODataProblem.BadRequest("InvalidEnumValue",
            $"'{name}' er ikke en gyldig værdi for {type.Name}. Gyldige værdier: {string.Join(", ", Enum.GetNames(type))}.",
            $"'{name}' is not a valid {type.Name}. Valid values: {string.Join(", ", Enum.GetNames(type))}.");
    }
}
