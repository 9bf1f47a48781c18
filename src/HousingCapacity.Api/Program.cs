using HousingCapacity.Api.Host;

// The host's command line: the web host, or one of its commands (HostCommands; --help lists them).
return await HostCommands.RunAsync(args);

/// <summary>The entry point's type, for the test host.</summary>
public partial class Program;
