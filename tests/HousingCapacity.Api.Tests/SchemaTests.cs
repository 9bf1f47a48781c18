using HousingCapacity.Api.Data;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// The EF model and the numbered SQL scripts describe the same tables: every table of the model exists with exactly its columns,
/// and on SQLite every table with a date has its date guards. A column added to a record but not to a script (or the reverse)
/// fails here, on the provider the suite runs on.
/// </summary>
public class SchemaTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task<List<string>> ColumnsAsync(HousingDbContext db, string table) =>
        api.Database.IsPostgreSql
            ? await db.Database.SqlQuery<string>($"""
                SELECT column_name::text AS "Value" FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = {table}
                """).ToListAsync()
            : await db.Database.SqlQuery<string>($"SELECT name AS Value FROM pragma_table_info({table})").ToListAsync();

    [Fact]
    public async Task EveryTableOfTheModel_HasExactlyItsColumnsInTheDatabase()
    {
        await using var db = api.NewDb();
        var tables = db.Model.GetEntityTypes().Where(t => t.GetTableName() is not null && t.GetViewName() is null).ToList();
        Assert.True(tables.Count >= 16, $"only {tables.Count} tables in the model");
        foreach (var type in tables)
        {
            var table = type.GetTableName()!;
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            var model = type.GetProperties().Select(p => p.GetColumnName(store)).OfType<string>().Order().ToList();
            Assert.Equal($"{table}: {string.Join(", ", model)}", $"{table}: {string.Join(", ", (await ColumnsAsync(db, table)).Order())}");
        }
    }

    [Fact]
    public async Task EveryTableWithADate_HasItsDateGuards_OnSqlite()
    {
        if (api.Database.IsPostgreSql) return; // PostgreSQL's date and timestamptz columns refuse an impossible date themselves
        await using var db = api.NewDb();
        var triggers = await db.Database.SqlQuery<string>($"SELECT name AS Value FROM sqlite_master WHERE type = 'trigger'").ToListAsync();
        var dated = Api.Data.Mapping.GuardTriggers.DatedTables(db.Model);
        Assert.Contains(typeof(NoticedStay), dated);
        foreach (var type in dated)
        {
            var table = db.Model.FindEntityType(type)!.GetTableName();
            Assert.Contains($"TR_{table}_Dates_Insert", triggers);
            Assert.Contains($"TR_{table}_Dates_Update", triggers);
        }
    }
}
