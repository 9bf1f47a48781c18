namespace HousingCapacity.Api.Tests;

/// <summary>The host's one command line (<c>Host/HostCommands.cs</c>): <c>--help</c> on the host and on each command, and a
/// malformed value as a usage error.</summary>
public class HostCommandTests
{
    [Fact]
    public async Task Help_ListsEveryCommand()
    {
        var help = await ApiCommand.RunAsync("Development", ["--help"]);
        Assert.Equal(0, help.ExitCode);
        foreach (var command in new[] { "seed", "municipality", "purge-access-log", "token", "backup", "verify-backup", "rotate-cpr-keys" })
            Assert.Contains(command, help.Out);
    }

    [Theory]
    [InlineData("seed", "--reset")]
    [InlineData("seed", "--months")]
    [InlineData("municipality", "--code")]
    [InlineData("purge-access-log", "--months")]
    [InlineData("token", "--facility")]
    [InlineData("backup", "--to")]
    [InlineData("verify-backup", "file")]
    [InlineData("rotate-cpr-keys", "--batch-size")]
    [InlineData("rotate-cpr-keys", "--dry-run")]
    public async Task EachCommandsHelp_SaysWhatItTakes(string command, string option)
    {
        var help = await ApiCommand.RunAsync("Development", [command, "--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains(option, help.Out);
    }

    [Fact]
    public async Task AMalformedValue_IsAUsageError()
    {
        var wrong = await ApiCommand.RunAsync("Development", ["token", "--role", "Committee", "--municipality", "abc"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("--municipality", wrong.Error);
    }

    /// <summary>Issue 29.6: an option a command does not take is refused in one line, before any work; a configuration argument
    /// (a colon in its name) still passes.</summary>
    [Theory]
    [InlineData("seed", "--resett")]
    [InlineData("municipality", "--kode")]
    [InlineData("purge-access-log", "-m")]
    [InlineData("token", "--rolle")]
    [InlineData("rotate-cpr-keys", "--batch")]
    public async Task AnUnknownOption_IsRefusedInOneLine_WithExitCode2(string command, string option)
    {
        var wrong = await ApiCommand.RunAsync("Development", [command, option, "1"]);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Equal($"{command}: unknown option {option}. Run '{command} --help' to see what it takes.", wrong.Error.Trim());
    }

    [Fact]
    public async Task ADatabaseThatCannotBeOpened_IsExitCode3()
    {
        var unreachable = await ApiCommand.RunAsync("Development",
            ["purge-access-log", "--months", "12", "--Database:ConnectionString=Data Source=/nonexistent-folder/x.db"]);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.StartsWith("The database could not be opened", unreachable.Error.Trim());
        var help = await ApiCommand.RunAsync("Development", ["--help"]);
        Assert.Contains("3 the database could not be opened", System.Text.RegularExpressions.Regex.Replace(help.Out, @"\s+", " "));
    }
}
