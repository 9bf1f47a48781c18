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
        foreach (var command in new[] { "seed", "municipality", "purge-access-log", "token" }) Assert.Contains(command, help.Out);
    }

    [Theory]
    [InlineData("seed", "--reset")]
    [InlineData("municipality", "--code")]
    [InlineData("purge-access-log", "--months")]
    [InlineData("token", "--facility")]
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
}
