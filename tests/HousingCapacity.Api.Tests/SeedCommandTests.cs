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
}
