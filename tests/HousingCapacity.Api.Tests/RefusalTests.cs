using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Domain;
using HousingCapacity.Api.Security;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// A refusal is a value the workflows return (<see cref="Outcome{T}"/>): the write it ends is rolled back as a thrown one is, and the
/// API renders every kind of it in one place (<see cref="ODataProblem.From"/>).
/// </summary>
public class RefusalTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly Refusal Full = Refusal.Conflict("FacilityFull", "Ingen ledig seng.", "No free bed.", "FacilityId");

    [Fact]
    public async Task AWriteThatReturnsARefusal_SavesNothing_ButKeepsWhatMustBeLoggedEvenIfRefused()
    {
        await using var db = api.NewDb();
        var facility = await db.Facilities.IgnoreQueryFilters().Select(f => f.Id).FirstAsync();
        var turnaways = await db.Turnaways.IgnoreQueryFilters().CountAsync();
        var operation = $"Refused write {Guid.NewGuid():N}";
        var outcome = await db.WriteAsync(async Task<Outcome<Turnaway>> () =>
        {
            db.Add(new Turnaway(facility, new LocalDate(2026, 10, 12), TurnawayReason.Full, null));
            db.LogEvenIfRefused(AccessLog.Entry(db.Scope, SystemClock.Instance.GetCurrentInstant(), operation, (int?)null));
            await Task.Yield();
            return Full;
        }, default);

        Assert.Same(Full, outcome.Refusal);
        Assert.Empty(db.ChangeTracker.Entries());
        await using var after = api.NewDb();
        Assert.Equal(turnaways, await after.Turnaways.IgnoreQueryFilters().CountAsync());
        Assert.Equal(1, await after.AccessLog.CountAsync(e => e.Operation == operation));
    }

    [Fact]
    public async Task AWriteThatReturnsItsResult_IsSaved()
    {
        await using var db = api.NewDb();
        var facility = await db.Facilities.IgnoreQueryFilters().Select(f => f.Id).FirstAsync();
        var outcome = await db.WriteAsync(async Task<Outcome<Turnaway>> () =>
        {
            var turnaway = new Turnaway(facility, new LocalDate(2026, 10, 13), TurnawayReason.Full, null);
            db.Add(turnaway);
            await Task.Yield();
            return turnaway;
        }, default);

        Assert.False(outcome.IsRefused);
        await using var after = api.NewDb();
        Assert.True(await after.Turnaways.IgnoreQueryFilters().AnyAsync(t => t.Id == outcome.Value.Id));
    }

    [Fact]
    public void EveryKindOfRefusal_HasItsOwnStatus()
    {
        var statuses = Enum.GetValues<RefusalKind>().Select(Host.HttpStatus.Of).ToList();
        Assert.Equal(statuses.Count, statuses.Distinct().Count());
        Assert.All(statuses, s => Assert.InRange(s, 400, 599));
        Assert.Equal(409, ODataProblem.From(Full).Status);
        Assert.Equal(422, ODataProblem.From(Refusal.Rule("AgeRestricted", "For ung.", "Too young.")).Status);
    }

    [Fact]
    public void ABrokenRuleWithoutDetails_IsItsOwnOneDetail_AndASourceIsCitedInBothLanguages()
    {
        var rule = Refusal.Rule("YouthInSection110", "Unge optages ikke.", "Young people are not admitted.", "ExceptionJustification")
            with { Source = "Rødovre Kommunes hjemløsestrategi" };
        var problem = ODataProblem.From(rule);
        var detail = Assert.Single(problem.Details);
        Assert.Equal(("YouthInSection110", "ExceptionJustification"), (detail.Code, detail.Target));
        Assert.Equal("Unge optages ikke. (Kilde: Rødovre Kommunes hjemløsestrategi)", problem.MessageDa);
        Assert.Equal("Young people are not admitted. (Source: Rødovre Kommunes hjemløsestrategi)", problem.MessageEn);
    }

    [Fact]
    public void AnOutcome_IsItsResultOrItsRefusal_NeverBoth()
    {
        Outcome<int> placed = 7;
        Outcome<int> refused = Full;
        Assert.Equal(8, placed.Then(n => n + 1).Value);
        Assert.Same(Full, refused.Then(n => n + 1).Refusal);
        Assert.Throws<InvalidOperationException>(() => refused.Value);
        Assert.Same(Full, Assert.Throws<RefusedException>(() => refused.OrThrow()).Refusal);
    }
}
