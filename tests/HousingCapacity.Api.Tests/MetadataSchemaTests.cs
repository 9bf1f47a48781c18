using System.Diagnostics;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// $metadata validates against the OASIS CSDL XML schemas (edmx.xsd, edm.xsd from the npm package odata-csdl),
/// checked with xmllint (Debian's libxml2-utils). .ci/run installs both; ODATA_CSDL_SCHEMAS names the folder.
/// </summary>
public class MetadataSchemaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Metadata_ValidatesAgainstTheOasisCsdlSchemas()
    {
        var schemas = Environment.GetEnvironmentVariable("ODATA_CSDL_SCHEMAS") ?? FetchSchemas();
        var edmx = Path.Combine(schemas, "edmx.xsd");
        Assert.True(File.Exists(edmx), $"OASIS schema not found at {edmx}: run .ci/run or set ODATA_CSDL_SCHEMAS.");
        var metadata = Path.Combine(Path.GetTempPath(), $"metadata-{Guid.NewGuid():N}.xml");
        await File.WriteAllTextAsync(metadata, await api.Client.GetStringAsync("/odata/$metadata"));
        try
        {
            var (exit, output) = Run("xmllint", $"--noout --schema \"{edmx}\" \"{metadata}\"", schemas);
            Assert.True(exit == 0, $"xmllint: {output}");
            Assert.Contains("validates", output);
        }
        finally
        {
            File.Delete(metadata);
        }
    }

    /// <summary>Without .ci/run: fetch the schemas with npm into the temp folder, once.</summary>
    private static string FetchSchemas()
    {
        var dir = Path.Combine(Path.GetTempPath(), "odata-csdl-0.11.2");
        var schemas = Path.Combine(dir, "package", "schemas");
        if (File.Exists(Path.Combine(schemas, "edmx.xsd"))) return schemas;
        Directory.CreateDirectory(dir);
        Run("npm", "pack --silent odata-csdl@0.11.2", dir);
        Run("tar", "xzf odata-csdl-0.11.2.tgz", dir);
        return schemas;
    }

    private static (int Exit, string Output) Run(string file, string arguments, string workingDirectory)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{file}' is not installed (xmllint: apt-get install libxml2-utils; npm: nodejs). " +
                $"{e.Message}");
        }
    }
}
