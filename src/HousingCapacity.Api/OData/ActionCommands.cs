using System.Reflection;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.OData;

/// <summary>
/// An action's parameters declared once, as a command (a record): the EDM action's parameters are built from the record's
/// constructor (camelCase names; a nullable parameter or one with a default is optional unless marked [RequiredParameter], any
/// other required), and the controller's method takes the record, read from the body the library has already checked against
/// them (<see cref="Read"/>, by <see cref="CommandModelBinder"/>): a required parameter left out is a 400 naming it, unless the
/// record takes null ([RequiredParameter] string?: the workflow answers it with its own message). A page binds its form into the
/// same record. ModelConsistencyTests compares each action in the EDM with the command of its controller's method.
/// </summary>
public static class ActionCommands
{
    /// <summary>The command's parameters as the action's.</summary>
    public static ActionConfiguration Parameters<TCommand>(this ActionConfiguration action)
    {
        foreach (var p in Of(typeof(TCommand)))
        {
            // Optional parameters are of the underlying type (Edm.Int32, Nullable="false") unless null is itself a value.
            var parameter = action.Parameter(p.EdmNullable == true ? p.Type : p.EdmType, p.Name);
            if (p.EdmNullable == false) parameter.Required();
            if (p.Optional) parameter.Optional();
        }
        return action;
    }

    /// <summary>One parameter of a command: its name in the EDM and the body, its CLR type, and whether it may be left out.</summary>
    public sealed record CommandParameter(string Name, Type Type, bool Optional, bool Nullable, bool? EdmNullable, ParameterInfo Info)
    {
        /// <summary>The type the EDM declares: the underlying type of a nullable value.</summary>
        public Type EdmType => System.Nullable.GetUnderlyingType(Type) ?? Type;
    }

    private static bool IsNullable(ParameterInfo p) => Nullable.GetUnderlyingType(p.ParameterType) is not null
        || !p.ParameterType.IsValueType && new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    /// <summary>The parameters of a command, from its primary constructor, in order.</summary>
    public static IReadOnlyList<CommandParameter> Of(Type command) =>
        command.GetConstructors().Single().GetParameters().Select(p => new CommandParameter(
            char.ToLowerInvariant(p.Name![0]) + p.Name[1..], p.ParameterType,
            (IsNullable(p) || p.HasDefaultValue) && p.GetCustomAttribute<RequiredParameterAttribute>() is null,
            IsNullable(p),
            p.GetCustomAttribute<EdmNullableAttribute>()?.Nullable, p)).ToList();

    /// <summary>
    /// The command a body of the action carries: each value as its parameter's CLR type (dates as DateOnly, in the window of dates
    /// users give), a required one absent or null a 400 naming it.
    /// </summary>
    public static object Read(Type command, ODataActionParameters? body, DateWindow dates, LocalDate today) =>
        Construct(command, p => body is not null && body.TryGetValue(p.Name, out var given) ? given : null,
            (p, value) =>
            {
                if (value is DateOnly day) dates.Ensure(day, today, p.Name);
            },
            p => ODataProblem.BadRequest("MissingParameter", $"Parameteren {p.Name} skal angives.",
                $"The parameter {p.Name} is required.", p.Name));

    /// <summary>
    /// A record from named values (an action's parameters, or the properties of a body that creates a record): each value as the
    /// constructor's parameter type, a default or null where none is given, and <paramref name="missing"/> for a required one.
    /// </summary>
    public static object Construct(Type record, Func<CommandParameter, object?> valueOf, Action<CommandParameter, object> check,
        Func<CommandParameter, Exception> missing)
    {
        var values = Of(record).Select(p =>
        {
            var value = valueOf(p);
            if (HousingFilterBinder.AsDateOnly(value) is { } date) value = date;
            if (value is LocalDate local) value = local.ToDateOnly();
            if (value is null)
                return p.Info.HasDefaultValue ? p.Info.DefaultValue : p.Nullable ? null : throw missing(p);
            check(p, value);
            return p.EdmType.IsEnum && value is not Enum ? Enum.Parse(p.EdmType, value.ToString()!, ignoreCase: true)
                : p.EdmType.IsInstanceOfType(value) ? value
                : Convert.ChangeType(value, p.EdmType, System.Globalization.CultureInfo.InvariantCulture);
        }).ToArray();
        return record.GetConstructors().Single().Invoke(values);
    }
}
