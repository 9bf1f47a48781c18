using System.CommandLine;

namespace HousingCapacity.Api.Host;

/// <summary>
/// The one dispatcher of the host's command line: with no command it runs the web host; <c>seed</c>, <c>municipality</c>,
/// <c>purge-access-log</c>, <c>token</c>, <c>backup</c>, <c>verify-backup</c> and <c>rotate-cpr-keys</c> run their work and
/// exit. <c>--help</c> on the host or any command says what it takes. Options are declared here for help and for a clear error
/// on a malformed value; each command still reads its own arguments, and the configuration arguments (<c>--Database:…</c>,
/// <c>--Security:…</c>, the web host's) pass through untouched.
/// </summary>
public static class HostCommands
{
    public static Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("HousingCapacity: the API and the web pages (with no command), and the commands that run beside it. " +
            "Exit codes: 0 done, 1 refused (the data or the keys do not allow it), 2 a usage error, 3 the database could not be " +
            "opened or brought up to date.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.SetAction((_, _) => HousingApp.RunAsync(args));
        root.Subcommands.Add(Command(args, "seed", "Fills the configured database with demo data.", a => SeedCommand.RunAsync(a),
            Flag("--reset", "Replaces the demo data of a database that has some (refused once its access log has lines)."),
            Number("--municipalities", "How many municipalities (default 4; more are generated)."),
            Number("--facilities", "Places per generated municipality (default 8)."),
            Number("--persons", "Persons per municipality (default 350)."),
            Number("--large-municipality", "A municipality code to give 100 places."),
            Number("--months", "Months of history before today (1 to 240, default 6; 120 is ten years)."),
            Text("--today", "The demo's today, yyyy-MM-dd (default: the night it is now).")));
        root.Subcommands.Add(Command(args, "municipality", "Adds a municipality (its administrator then creates its places).",
            a => MunicipalityCommand.RunAsync(a),
            Number("--code", "The municipality's code, e.g. 175."), Text("--name", "Its name, e.g. Rødovre.")));
        root.Subcommands.Add(Command(args, "purge-access-log",
            "Removes access-log entries older than the retention period, as the daily job does.",
            a => PurgeAccessLogCommand.RunAsync(a),
            Number("--months", "Keep this many months (at least 6; default AccessLog:RetentionMonths).")));
        root.Subcommands.Add(Command(args, "token",
            "Prints a bearer token signed with the configured key (Development: the development key).",
            a => Task.FromResult(TokenCommand.Run(a)),
            Text("--role", "HousingOfficer, ShelterStaff, Committee or Administrator."),
            Number("--municipality", "The municipality's code."),
            Number("--facility", "A place of the staff member's (repeat for several)."),
            Text("--user", "The user name (default role-code)."),
            Number("--hours", "Lifetime in hours (default Authentication:TokenHours).")));
        root.Subcommands.Add(Command(args, "backup",
            "Copies the configured SQLite database to a new file while the API runs (SQLite's online backup), then checks the copy.",
            a => BackupCommand.RunAsync(a), Text("--to", "The new file.")));
        root.Subcommands.Add(Command(args, "verify-backup",
            "Checks a copy: SQLite's integrity, the schema version, the rows of each table, and that the configured CPR keys read " +
            "every CPR number in it. Give the file of a SQLite copy, or nothing to check the configured database (a PostgreSQL " +
            "database restored with pg_restore).",
            a => VerifyBackupCommand.RunAsync(a), new Argument<string?>("file") { Arity = ArgumentArity.ZeroOrOne,
                Description = "A SQLite copy (omit it to check the configured database)." }));
        root.Subcommands.Add(Command(args, "rotate-cpr-keys",
            "Rewrites every CPR number under the current keys (Security:CprEncryptionKey, Security:CprLookupKey) that is still " +
            "under the previous ones (Security:PreviousCprEncryptionKey, Security:PreviousCprLookupKey), in batches, while the API " +
            "runs with both pairs. Stopped, run it again: it goes on where it was.",
            a => RotateCprKeysCommand.RunAsync(a),
            Number("--batch-size", $"CPR numbers per transaction (default {RotateCprKeysCommand.DefaultBatchSize})."),
            Flag("--dry-run", "Says how many are left, and changes nothing.")));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count == 0) return parsed.InvokeAsync();
        // A malformed value is a usage error, exit code 2 as each command's own usage errors.
        foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
        Console.Error.WriteLine("Run the command with --help to see what it takes.");
        return Task.FromResult(ExitCodes.Usage);
    }

    /// <summary>
    /// A command whose work reads the arguments after its name, as they were given. An option it does not declare is refused in one
    /// line (exit code 2), but for the configuration's own (<c>--Database:…</c>, <c>--Security:…</c>: a colon in the name).
    /// </summary>
    private static Command Command(string[] args, string name, string description, Func<string[], Task<int>> run,
        params Symbol[] symbols)
    {
        var command = new Command(name, description) { TreatUnmatchedTokensAsErrors = false };
        foreach (var symbol in symbols)
            if (symbol is Option option) command.Options.Add(option);
            else if (symbol is Argument argument) command.Arguments.Add(argument);
        command.SetAction((parsed, _) =>
        {
            if (parsed.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-') && !t.Contains(':')) is { } unknown)
            {
                Console.Error.WriteLine($"{name}: unknown option {unknown}. Run '{name} --help' to see what it takes.");
                return Task.FromResult(ExitCodes.Usage);
            }
            return RefusedInOneLine(() => run(args.SkipWhile(a => a != name).Skip(1).ToArray()));
        });
        return command;
    }

    /// <summary>Keys or settings that do not allow the command (<see cref="StartupRefusedException"/>): one line, exit code 1.</summary>
    private static async Task<int> RefusedInOneLine(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (StartupRefusedException e)
        {
            Console.Error.WriteLine(e.Message);
            return ExitCodes.Refused;
        }
    }

    private static Option<bool> Flag(string name, string description) => new(name) { Description = description };
    private static Option<int[]> Number(string name, string description) => new(name) { Description = description };
    private static Option<string> Text(string name, string description) => new(name) { Description = description };
}
