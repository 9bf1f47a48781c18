using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace HousingCapacity.Api.Data;

/// <summary>
/// Date parts of stored dates and instants, for OData's year(), month(), day(), hour(), minute(), second().
/// Dates and instants are stored as fixed-width ISO text, so each part is a substring cast to an integer.
/// These methods only exist to be translated to SQL; calling them in .NET works too.
/// </summary>
public static class SqlDateFunctions
{
    public static int Year(DateOnly d) => d.Year;
    public static int Month(DateOnly d) => d.Month;
    public static int Day(DateOnly d) => d.Day;
    public static int Year(DateTimeOffset i) => i.UtcDateTime.Year;
    public static int Month(DateTimeOffset i) => i.UtcDateTime.Month;
    public static int Day(DateTimeOffset i) => i.UtcDateTime.Day;
    public static int Hour(DateTimeOffset i) => i.UtcDateTime.Hour;
    public static int Minute(DateTimeOffset i) => i.UtcDateTime.Minute;
    public static int Second(DateTimeOffset i) => i.UtcDateTime.Second;

    /// <summary>(start, length) of each part in "yyyy-MM-ddTHH:mm:ss".</summary>
    private static readonly Dictionary<string, (int Start, int Length)> Parts = new()
    {
        ["Year"] = (1, 4),
        ["Month"] = (6, 2),
        ["Day"] = (9, 2),
        ["Hour"] = (12, 2),
        ["Minute"] = (15, 2),
        ["Second"] = (18, 2),
    };

    public static MethodInfo Method(string part, Type argument) =>
        typeof(SqlDateFunctions).GetMethod(part, [argument]) ?? throw new ArgumentException($"No {part}({argument.Name}).");

    public static void Register(ModelBuilder builder, bool postgreSql = false)
    {
        foreach (var method in typeof(SqlDateFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static)
                     .Where(m => Parts.ContainsKey(m.Name)))
            builder.HasDbFunction(method).HasTranslation(postgreSql ? DatePart(method) : Substring(method));
    }

    /// <summary>SQLite: the part's digits of the fixed-width ISO text, as an integer.</summary>
    private static Func<IReadOnlyList<SqlExpression>, SqlExpression> Substring(MethodInfo method)
    {
        var (start, length) = Parts[method.Name];
        return args =>
        {
            var substr = new SqlFunctionExpression("substr",
                [args[0], new SqlConstantExpression(start, IntTypeMapping.Default), new SqlConstantExpression(length,
                    IntTypeMapping.Default)],
                nullable: true, argumentsPropagateNullability: [true, false, false], typeof(string), StringTypeMapping.Default);
            return new SqlUnaryExpression(ExpressionType.Convert, substr, typeof(int), IntTypeMapping.Default);
        };
    }

    /// <summary>PostgreSQL stores dates and instants natively: date_part of the date, or of the instant in UTC (as on SQLite).</summary>
    private static Func<IReadOnlyList<SqlExpression>, SqlExpression> DatePart(MethodInfo method)
    {
        var part = new SqlConstantExpression(method.Name.ToLowerInvariant(), StringTypeMapping.Default);
        var instant = method.GetParameters()[0].ParameterType == typeof(DateTimeOffset);
        return args =>
        {
            var value = instant
                ? new SqlFunctionExpression("timezone", [new SqlConstantExpression("UTC", StringTypeMapping.Default), args[0]],
                    nullable: true, argumentsPropagateNullability: [false, true], typeof(DateTime), args[0].TypeMapping)
                : args[0];
            // floor: second() of 12:00:30.5 is 30, as the text's two digits give on SQLite.
            var datePart = new SqlFunctionExpression("date_part", [part, value], nullable: true,
                argumentsPropagateNullability: [false, true], typeof(double), DoubleTypeMapping.Default);
            var floor = new SqlFunctionExpression("floor", [datePart], nullable: true, argumentsPropagateNullability: [true],
                typeof(double), DoubleTypeMapping.Default);
            return new SqlUnaryExpression(ExpressionType.Convert, floor, typeof(int), IntTypeMapping.Default);
        };
    }
}
