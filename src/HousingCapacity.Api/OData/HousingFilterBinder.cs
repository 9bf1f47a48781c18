using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>
/// The library's $filter binder with four changes, so that everything still runs as SQL on the stored text columns:
/// <list type="bullet">
/// <item>a date compared with a date is a plain comparison (<c>"StartDate" &gt;= @p</c>), not the library's year/month/day
/// arithmetic that compiles to <c>strftime</c> and can use no index (AspNetCore.OData #1473, #1527);</item>
/// <item><c>year month day hour minute second</c> read the fixed-width ISO text (<see cref="SqlDateFunctions"/>);</item>
/// <item><c>now()</c> is the service's clock, not the machine's;</item>
/// <item><c>Cpr eq '…'</c>, <c>ne</c> and <c>in (…)</c> compare the keyed hash: the number itself is stored encrypted
/// (<c>Cpr eq null</c>: the persons registered without one).</item>
/// </list>
/// Which uses of Cpr are allowed at all is checked before binding (<see cref="QueryRules"/>). The clock and the CPR keys are the
/// request's: the binder lives in the request's scope of the OData route, and is told the request (<see cref="QueryRequest"/>).
/// </summary>
public sealed class HousingFilterBinder(QueryRequest request) : FilterBinder
{
    private IServiceProvider RequestServices => request.Services;

    public override Expression BindBinaryOperatorNode(BinaryOperatorNode node, QueryBinderContext context)
    {
        if (CprComparison(node, context) is { } cpr) return cpr;
        if (node.OperatorKind is BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual && (IsEnum(node.Left) || IsEnum(node.Right)))
            return EnumEquality(node, context);
        if (!IsDate(node.Left) && !IsDate(node.Right)) return base.BindBinaryOperatorNode(node, context);
        var left = Bind(node.Left, context);
        var right = Bind(node.Right, context);
        if (Core(left.Type) != typeof(DateOnly) || Core(right.Type) != typeof(DateOnly))
            return base.BindBinaryOperatorNode(node, context);
        if (left.Type != right.Type)
        {
            left = Expression.Convert(left, typeof(DateOnly?));
            right = Expression.Convert(right, typeof(DateOnly?));
        }
        var type = node.OperatorKind switch
        {
            BinaryOperatorKind.Equal => ExpressionType.Equal,
            BinaryOperatorKind.NotEqual => ExpressionType.NotEqual,
            BinaryOperatorKind.LessThan => ExpressionType.LessThan,
            BinaryOperatorKind.LessThanOrEqual => ExpressionType.LessThanOrEqual,
            BinaryOperatorKind.GreaterThan => ExpressionType.GreaterThan,
            BinaryOperatorKind.GreaterThanOrEqual => ExpressionType.GreaterThanOrEqual,
            _ => throw ODataProblem.BadRequest("NotSupported", $"Operatoren {node.OperatorKind} kan ikke bruges på datoer.",
                $"The operator {node.OperatorKind} cannot be used on dates."),
        };
        return Expression.MakeBinary(type, left, right, liftToNull: false, method: null);
    }

    public override Expression BindConstantNode(ConstantNode node, QueryBinderContext context)
    {
        if (AsDateOnly(node.Value) is { } date) return Parameter(date);
        return base.BindConstantNode(node, context);
    }

    public override Expression BindInNode(InNode node, QueryBinderContext context)
    {
        if (!IsCpr(node.Left)) return base.BindInNode(node, context);
        var person = PersonOf(node.Left, context);
        var hashes = ((CollectionConstantNode)node.Right).Collection.SelectMany(c => HashesOf(c.Value)).ToList();
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Parameter(hashes), HashColumn(person));
    }

    protected override Expression BindDateRelatedProperty(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        DatePart(node, context) ?? base.BindDateRelatedProperty(node, context);

    protected override Expression BindTimeRelatedProperty(SingleValueFunctionCallNode node, QueryBinderContext context) =>
        DatePart(node, context) ?? base.BindTimeRelatedProperty(node, context);

    protected override Expression BindNow(SingleValueFunctionCallNode node, QueryBinderContext context)
    {
        var clock = RequestServices.GetRequiredService<IClock>();
        return Parameter(clock.GetCurrentInstant().ToUtc());
    }

    /// <summary>
    /// Kind eq 'Section110Shelter' as the C# compiler writes it (both sides as integers), with the member as a SQL parameter:
    /// the library inlines it as a literal, which gives one SQL text per value.
    /// </summary>
    private Expression EnumEquality(BinaryOperatorNode node, QueryBinderContext context)
    {
        var left = Bind(node.Left, context);
        var right = Bind(node.Right, context);
        var nullable = IsNullOrNullable(left) || IsNullOrNullable(right);
        var target = nullable ? typeof(int?) : typeof(int);
        left = Expression.Convert(left, target);
        right = Expression.Convert(right, target);
        return node.OperatorKind == BinaryOperatorKind.Equal ? Expression.Equal(left, right) : Expression.NotEqual(left, right);
    }

    private static bool IsNullOrNullable(Expression e) => e.Type == typeof(object) || Nullable.GetUnderlyingType(e.Type) is not null;

    private static bool IsEnum(QueryNode node) => Unwrap(node) is SingleValueNode { TypeReference: { } t } && t.IsEnum();

    /// <summary>year(), month(), … of a stored date or instant, as a substring of its ISO text.</summary>
    private Expression? DatePart(SingleValueFunctionCallNode node, QueryBinderContext context)
    {
        var argument = Bind(node.Parameters.Single(), context);
        var type = Core(argument.Type);
        if (type != typeof(DateOnly) && type != typeof(DateTimeOffset)) return null;
        var part = char.ToUpperInvariant(node.Name[0]) + node.Name[1..];
        if (type == typeof(DateOnly) && part is "Hour" or "Minute" or "Second")
            throw ODataProblem.BadRequest("NotSupported", $"{node.Name}() kan ikke bruges på en dato.",
                $"{node.Name}() cannot be used on a date.");
        if (argument.Type != type) argument = Expression.Property(argument, "Value");
        return Expression.Call(SqlDateFunctions.Method(part, type), argument);
    }

    private Expression? CprComparison(BinaryOperatorNode node, QueryBinderContext context)
    {
        var leftIsCpr = IsCpr(node.Left);
        if (!leftIsCpr && !IsCpr(node.Right)) return null;
        var property = leftIsCpr ? node.Left : node.Right;
        if (Unwrap(leftIsCpr ? node.Right : node.Left) is not ConstantNode constant
            || node.OperatorKind is not (BinaryOperatorKind.Equal or BinaryOperatorKind.NotEqual))
            throw QueryRules.CprOnlyEquality();
        var equal = node.OperatorKind == BinaryOperatorKind.Equal;
        var hash = HashColumn(PersonOf(property, context));
        // A person registered without a CPR number has no hash either: "Cpr eq null" finds them.
        // During a key rotation a number has a hash under each pair of keys: equal to either, or different from both.
        var values = constant.Value is null ? [Expression.Constant(null, typeof(string))] : HashesOf(constant.Value).Select(Parameter);
        return values.Select(v => equal ? Expression.Equal(hash, v) : Expression.NotEqual(hash, v))
            .Aggregate(equal ? Expression.OrElse : Expression.AndAlso);
    }

    private IReadOnlyList<string> HashesOf(object? literal) => literal is string text
        ? RequestServices.GetRequiredService<HousingDatabase>().Cpr.Hashes(CprNumber.Parse(text).Value)
        : throw QueryRules.CprOnlyEquality();

    private Expression PersonOf(QueryNode cprProperty, QueryBinderContext context) =>
        Bind(((SingleValuePropertyAccessNode)Unwrap(cprProperty)).Source, context);

    private static Expression HashColumn(Expression person) =>
        Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], person, Expression.Constant(HousingDbContext.CprHash));

    internal static bool IsCpr(QueryNode node) =>
        Unwrap(node) is SingleValuePropertyAccessNode { Property.Name: nameof(Person.Cpr) } p
            && ((IEdmSchemaElement)p.Property.DeclaringType).FullName() == $"{HousingModel.Namespace}.{nameof(Person)}";

    private static bool IsDate(QueryNode node) => Unwrap(node) is SingleValueNode { TypeReference: { } t }
        && t.PrimitiveKind() == EdmPrimitiveTypeKind.Date;

    private static QueryNode Unwrap(QueryNode node) => node is ConvertNode c ? Unwrap(c.Source) : node;

    private static Type Core(Type type) => Nullable.GetUnderlyingType(type) ?? type;

    /// <summary>
    /// Edm.Date values (literals in a query, action parameters in a body) arrive as the obsolete Microsoft.OData.Edm.Date; the
    /// records and the controllers' parameters hold DateOnly. Null for anything else.
    /// </summary>
#pragma warning disable CS0618
    internal static DateOnly? AsDateOnly(object? value) => value is Microsoft.OData.Edm.Date d ? new DateOnly(d.Year, d.Month, d.Day)
        : null;
#pragma warning restore CS0618

    /// <summary>A value EF Core sends as a SQL parameter (a member of a closure), never inlined into the SQL text.</summary>
    internal static Expression Parameter<T>(T value) => Expression.Field(Expression.Constant(new StrongBox<T>(value)),
        nameof(StrongBox<T>.Value));
}
