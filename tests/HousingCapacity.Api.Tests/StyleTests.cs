using System.Text.RegularExpressions;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The house's style, enforced: lines of at most 140 characters, one public type per file of the product, and refusals made in the
/// features' own terms, not the transport's.
/// </summary>
public partial class StyleTests
{
    public const int MaxLineLength = 140;

    private static readonly string[] CodeExtensions = [".cs", ".cshtml", ".sql", ".css", ".js", ".sh", ".props", ".json", ".txt"];

    /// <summary>The repository's own files: not what a build or a tool writes (bin, obj, node_modules, test output).</summary>
    private static IEnumerable<string> Files(params string[] folders)
    {
        var root = RepositoryRoot();
        return folders.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or "node_modules" or "TestResults" or ".playwright"))
            .Where(path => CodeExtensions.Contains(Path.GetExtension(path))
                           || Path.GetFileName(Path.GetDirectoryName(path)) == ".ci"); // the CI's scripts have no extension
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HousingCapacity.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository's root (HousingCapacity.sln) was not found above the tests.");
    }

    [Fact]
    public void NoLine_IsLongerThan140Characters()
    {
        var root = RepositoryRoot();
        var tooLong = Files("src", "tests", "seed", ".ci")
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(l => l.line.Length > MaxLineLength)
            .Select(l => $"{Path.GetRelativePath(root, l.path)}:{l.number} ({l.line.Length})")
            .ToList();
        Assert.True(tooLong.Count == 0, "Lines over 140 characters:\n" + string.Join("\n", tooLong));
    }

    [GeneratedRegex(@"^public (?:(?:sealed|static|abstract|partial|readonly) )*(?:record struct|class|record|struct|interface|enum) (\w+)",
        RegexOptions.Multiline)]
    private static partial Regex PublicTypeDeclaration();

    [Fact]
    public void EveryFileOfTheProduct_DeclaresAtMostOnePublicType()
    {
        var root = RepositoryRoot();
        var crowded = Files("src", "seed").Where(path => path.EndsWith(".cs", StringComparison.Ordinal))
            .Select(path => (path, types: PublicTypeDeclaration().Matches(File.ReadAllText(path)).Select(m => m.Groups[1].Value).ToList()))
            .Where(f => f.types.Count > 1)
            .Select(f => $"{Path.GetRelativePath(root, f.path)}: {string.Join(", ", f.types)}")
            .ToList();
        Assert.True(crowded.Count == 0, "Files with more than one public type:\n" + string.Join("\n", crowded));
    }

    /// <summary>The middleware that answers before any feature runs (a token, a rate limit, an unexpected fault) and the OData layer
    /// write the transport's error themselves; every other file makes a <see cref="Refusal"/> and leaves its answer to the one place
    /// that renders it.</summary>
    private static readonly string[] TransportFiles =
        ["Security/Authentication.cs", "Security/AbuseLimits.cs", "Host/HousingApp.cs"];

    [GeneratedRegex(@"new ODataProblem\(|ODataProblem\.(?:BadRequest|NotFound|LimitExceeded)\(|catch \(ODataProblem|ODataProblem\?? \w+ =")]
    private static partial Regex TransportRefusal();

    [Fact]
    public void OutsideTheODataLayer_RefusalsAreMadeInTheFeaturesOwnTerms()
    {
        var api = Path.Combine(RepositoryRoot(), "src", "HousingCapacity.Api");
        var transportMade = Files(Path.Combine("src", "HousingCapacity.Api"))
            .Where(path => path.EndsWith(".cs", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(api, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(path => !path.StartsWith("OData/", StringComparison.Ordinal) && !TransportFiles.Contains(path))
            .SelectMany(path => File.ReadLines(Path.Combine(api, path)).Select((line, i) => (path, line, number: i + 1)))
            .Where(l => TransportRefusal().IsMatch(l.line))
            .Select(l => $"{l.path}:{l.number}: {l.line.Trim()}")
            .ToList();
        Assert.True(transportMade.Count == 0, "Refusals made as the transport's error outside OData/ (return a Refusal):\n"
            + string.Join("\n", transportMade));
    }
}
