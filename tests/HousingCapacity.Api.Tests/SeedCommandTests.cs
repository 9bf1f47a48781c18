using HousingCapacity.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The `seed` command as README shows it: demo data is not an access to anyone's data, so it is not in the access log.</summary>
public class SeedCommandTests
{
    [Fact]
    public async Task Seed_WritesNoAccessLog_SoThatResetStillWorks()
    {
        using var file = new TempDatabase("seed");
        var seeded = await ApiCommand.RunAsync("Development", ["seed", "--persons", "20", .. file.Arguments]);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        var reset = await ApiCommand.RunAsync("Development", ["seed", "--reset", "--persons", "20", .. file.Arguments]);
        Assert.True(reset.ExitCode == 0, reset.Error);
        await using var db = new HousingDbContext(file.Options());
        Assert.True(await db.Persons.AnyAsync());
        Assert.False(await db.AccessLog.AnyAsync());
    }

    /// <summary>Issue 30.1: the length of the history is the operator's; a length out of range is a usage error.</summary>
    [Fact]
    public async Task Seed_WithMonths_ReportsEveryNightOfThem_AndRefusesALengthOutOfRange()
    {
        using var file = new TempDatabase("seed-months");
        var seeded = await ApiCommand.RunAsync("Development", ["seed", "--months", "14", "--persons", "10", "--today", "2026-11-22",
            .. file.Arguments]);
        Assert.True(seeded.ExitCode == 0, seeded.Error);
        Assert.Contains("14 months up to 2026-11-22", seeded.Out);
        await using (var db = new HousingDbContext(file.Options()))
            Assert.Equal(new DateOnly(2025, 9, 22), await db.CapacityReports.MinAsync(r => r.Date));
        foreach (var months in new[] { "0", "241", "ti" })
        {
            var refused = await ApiCommand.RunAsync("Development", ["seed", "--months", months, .. file.Arguments]);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("--months", refused.Error);
        }
    }
}
