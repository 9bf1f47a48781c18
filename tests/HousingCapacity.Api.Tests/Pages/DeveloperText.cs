using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;

namespace HousingCapacity.Api.Tests.Pages;

/// <summary>
/// Issue 27.4: the pages speak Danish to people, never our internals. Every page the suite renders passes through here (PageClient's
/// handler for the HTTP tests, <see cref="PageSteps.CheckAsync"/> for the browser's): its visible text may hold no property or enum
/// name of ours, no HTTP verb with a path, no API path, no ISO date, no English note, and no "1 nætter". Text the user typed and a
/// page echoes in quotes or in a text box, and file formats shown in <c>code</c>, are left out.
/// </summary>
public static partial class DeveloperText
{
    /// <summary>Our identifiers that are not ordinary words: names with a hump in them (FacilityId, ExceptionJustification,
    /// Section110Shelter), from the domain's and the API's public types and enums.</summary>
    private static readonly HashSet<string> Identifiers = BuildIdentifiers();

    private static HashSet<string> BuildIdentifiers()
    {
        var types = typeof(Domain.Person).Assembly.GetExportedTypes()
            .Concat(typeof(Api.Features.Allocation.CheckInCommand).Assembly.GetExportedTypes()
                .Where(t => t.Namespace?.StartsWith("HousingCapacity.Api.Features", StringComparison.Ordinal) == true
                            && (t.Name.StartsWith("New", StringComparison.Ordinal) || t.Name.EndsWith("Command", StringComparison.Ordinal)
                                || t.Name.EndsWith("Change", StringComparison.Ordinal))));
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            if (type.IsEnum) names.UnionWith(Enum.GetNames(type));
            else names.UnionWith(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name));
        }
        names.RemoveWhere(n => !Hump().IsMatch(n));
        return names;
    }

    [GeneratedRegex("^[A-Z][a-z0-9]+[A-Z0-9]")]
    private static partial Regex Hump();

    [GeneratedRegex(@"\b(GET|POST|PATCH|PUT|DELETE)\s+/|/odata\b|\$(filter|select|expand)\b")]
    private static partial Regex Http();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\b(the|one|per|must|cannot|does not|is required|Source:)\s", RegexOptions.None)]
    private static partial Regex English();

    [GeneratedRegex(@"(?<![\d.,])\b1 (nætter|senge|linjer|personer|enheder|dage|pladser|reservationer|år gamle)\b")]
    private static partial Regex OnePlural();

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]+")]
    private static partial Regex Word();

    /// <summary>What in this visible text a person should not read (empty when nothing).</summary>
    public static IReadOnlyList<string> Find(string visibleText)
    {
        // What the user typed, echoed in quotes ('2026-11-31'), is theirs.
        var text = Regex.Replace(visibleText, @"'[^'\n]*'|""[^""\n]*""", "");
        var found = new List<string>();
        found.AddRange(Http().Matches(text).Select(m => $"HTTP: {m.Value}"));
        found.AddRange(IsoDate().Matches(text).Select(m => $"ISO date: {m.Value}"));
        found.AddRange(English().Matches(text).Select(m => $"English: {m.Value.Trim()}"));
        found.AddRange(OnePlural().Matches(text).Select(m => $"plural: {m.Value}"));
        found.AddRange(Word().Matches(text).Select(m => m.Value).Where(Identifiers.Contains).Select(w => $"identifier: {w}"));
        return found.Distinct().ToList();
    }

    /// <summary>The text of an HTML page as a person gets it: the body's text, without scripts, styles, code samples and attributes.
    /// </summary>
    public static string VisibleText(string html)
    {
        var body = Regex.Match(html, "<body[^>]*>(.*)</body>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : html;
        body = Regex.Replace(body, "<(script|style|code|textarea)[^>]*>.*?</\\1>", " ", RegexOptions.Singleline | RegexOptions.IgnoreCase);
        body = Regex.Replace(body, "<[^>]+>", " ");
        return WebUtility.HtmlDecode(body);
    }

    public static void EnsureNone(string where, string visibleText)
    {
        var found = Find(visibleText);
        Assert.True(found.Count == 0, $"{where} shows developer text: {string.Join("; ", found)}");
    }

    /// <summary>Checks every HTML page the pages' HTTP client receives.</summary>
    public sealed class Handler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                var html = await response.Content.ReadAsStringAsync(cancellationToken);
                EnsureNone($"{request.Method} {request.RequestUri?.PathAndQuery}", VisibleText(html));
            }
            return response;
        }
    }
}
