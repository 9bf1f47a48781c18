using HousingCapacity.Seed;
using NodaTime.Text;

namespace HousingCapacity.Api;

/// <summary>
/// <c>dotnet run --project src/HousingCapacity.Api -- seed [--reset] [--municipalities N] [--facilities N]
/// [--persons N] [--large-municipality CODE] [--months N] [--today yyyy-MM-dd]</c>: fills the configured database with demo data.
/// </summary>
public static class SeedCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        var months = CommandHost.Value(args, "--months");
        if (months is not null && (!int.TryParse(months, out var m) || m is < 1 or > DemoDataOptions.MaxMonths))
        {
            Console.Error.WriteLine($"Usage: seed --months N   (N from 1 to {DemoDataOptions.MaxMonths}; default 6)");
            return Task.FromResult(Host.ExitCodes.Usage);
        }
        return CommandHost.RunOnDatabaseAsync(args, Security.Caller.System("seed", auditWrites: false), async db =>
        {
            var reset = args.Contains("--reset");
            if (await db.Municipalities.AnyAsync())
            {
                if (!reset)
                {
                    Console.Error.WriteLine("The database already has data. Use --reset to replace it with new demo data.");
                    return 1;
                }
                try
                {
                    await DatabaseSetup.ClearAsync(db);
                }
                catch (InvalidOperationException e)
                {
                    Console.Error.WriteLine(e.Message);
                    return 1;
                }
            }

            string? Value(string name) => CommandHost.Value(args, name);
            int Int(string name, int fallback) => Value(name) is { } v ? int.Parse(v,
                System.Globalization.CultureInfo.InvariantCulture) : fallback;
            // The demo's "today" is the night it is now, as shelters count nights (before 06:00: the night that began last evening).
            var today = Value("--today") is { } t ? LocalDatePattern.Iso.Parse(t).Value
                : DanishTime.Night(SystemClock.Instance, new PlacementPolicy().NightEndsAtHour);
            var large = Value("--large-municipality") is { } code ? new HashSet<int> { int.Parse(code,
                System.Globalization.CultureInfo.InvariantCulture) } : [];
            var options = new DemoDataOptions
            {
                Today = today,
                Municipalities = Int("--municipalities", 4),
                FacilitiesPerGeneratedMunicipality = Int("--facilities", 8),
                PersonsPerMunicipality = Int("--persons", 350),
                LargeMunicipalityCodes = large,
                Months = Int("--months", 6),
            };
            var started = DateTime.UtcNow;
            await DatabaseSetup.SeedAsync(db, options);
            Console.WriteLine($"Seeded {options.Municipalities} municipalities, {options.Months} months up to {today:yyyy-MM-dd} in " +
                $"{(DateTime.UtcNow - started).TotalSeconds:F1} s: {await db.Facilities.CountAsync()} facilities, " +
                $"{await db.Persons.CountAsync()} persons, {await db.Placements.CountAsync()} placements, " +
                $"{await db.CapacityReports.CountAsync()} capacity reports.");
            return 0;
        });
    }
}
