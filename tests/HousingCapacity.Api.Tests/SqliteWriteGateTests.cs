using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Writers of one process queue for SQLite's write lock without holding a thread (issue 10, finding 10); the load test
/// (README, Benchmark) measures what that does under load. Here: the gate's order, re-entrance and release.
/// </summary>
public class SqliteWriteGateTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ASecondWriter_WaitsWithoutAThread_UntilTheFirstTransactionIsDisposed()
    {
        await using var first = api.NewDb();
        await using var second = api.NewDb();
        var held = await first.BeginWriteAsync(CancellationToken.None);

        var waiting = second.BeginWriteAsync(CancellationToken.None);
        await Task.Delay(200);
        Assert.False(waiting.IsCompleted);

        // The holder's own saves inside its transaction do not queue behind itself.
        first.Add(new Municipality(901, "Testkommune"));
        await first.SaveChangesAsync();
        await held.CommitAsync();
        // SQLite's gate is given up when the transaction is disposed; PostgreSQL's advisory lock ends with the commit itself.
        if (!api.Database.IsPostgreSql) Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();

        await using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await second.Municipalities.AnyAsync(m => m.Code == 901));
    }

    [Fact]
    public async Task AContextDisposedWhileHoldingTheGate_GivesItsPlaceUp()
    {
        var leaked = api.NewDb();
        _ = await leaked.BeginWriteAsync(CancellationToken.None); // never disposed: a bug elsewhere must not lock the file forever
        await leaked.DisposeAsync();

        await using var db = api.NewDb();
        await using var transaction = await db.BeginWriteAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await transaction.RollbackAsync();
    }

    // On PostgreSQL a read's entry needs no write lock: it commits beside a running write (its own test is in PostgreSqlTests).
    [SqliteFact]
    public async Task AReadThatWritesTheAccessLog_QueuesAtTheGateToo()
    {
        await using var holder = api.NewDb();
        Task<ODataTestClient.Reply> read;
        await using (await holder.BeginWriteAsync(CancellationToken.None))
        {
            read = api.OData.GetAsync("/odata/Persons?$top=1");
            await Task.Delay(300);
            Assert.False(read.IsCompleted); // it waits for the gate, not in SQLite's busy handler
            var catalogue = await api.OData.GetAsync("/odata/Facilities(1)").WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(HttpStatusCode.OK, catalogue.Status); // what writes nothing is answered meanwhile
        }
        Assert.Equal(HttpStatusCode.OK, (await read.WaitAsync(TimeSpan.FromSeconds(10))).Status);
    }
}
