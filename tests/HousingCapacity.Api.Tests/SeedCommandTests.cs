using HousingCapacity.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>The `seed` command as README shows it: demo data is not an access to anyone's data, so it is not in the access log.</summary>
public class SeedCommandTests
{
    [Fact]
    public async Task Seed_WritesNoAccessLog_SoThatResetStillWorks()
    {
        var path = Path.Combine(Path.GetTempPath(), $"housingcapacity-seed-{Guid.NewGuid():N}.db");
        var connection = $"--Database:ConnectionString=Data Source={path}";
        try
        {
            var seeded = await ApiCommand.RunAsync("Development", "seed", "--persons", "20", connection);
            Assert.True(seeded.ExitCode == 0, seeded.Error);
            var reset = await ApiCommand.RunAsync("Development", "seed", "--reset", "--persons", "20", connection);
            Assert.True(reset.ExitCode == 0, reset.Error);
            await using var db = new HousingDbContext(new DbContextOptionsBuilder<HousingDbContext>().UseSqlite($"Data Source={path}").Options);
            Assert.True(await db.Persons.AnyAsync());
            Assert.False(await db.AccessLog.AnyAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(path + suffix)) File.Delete(path + suffix);
        }
    }
}
