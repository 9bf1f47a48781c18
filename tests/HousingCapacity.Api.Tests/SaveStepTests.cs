using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>The save's steps, each on its own: the report cache's (<see cref="ReportCacheOnSave"/>) and the stamps
/// (<see cref="RecordStamps"/>).</summary>
public class SaveStepTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ReportCacheOnSave_DropsFromTheChangesMonth_AndOnceMoreWhenTheWriteEnds()
    {
        await using var db = api.NewDb();
        var facility = await db.Facilities.IgnoreQueryFilters().Select(f => f.Id).FirstAsync();
        db.Add(new Turnaway(facility, new LocalDate(2026, 10, 12), TurnawayReason.Full, null));
        var step = new ReportCacheOnSave();
        await step.OnSaveAsync(db, db.ChangeTracker.Entries<Entity>().ToList(), default);
        Assert.Equal(new YearMonth(2026, 10), step.Pending.From);
        step.OnWriteEnded(db);
        Assert.False(step.Pending.Any);
    }

    [Fact]
    public async Task RecordStamps_BumpAChangedRecordsVersion_AndGiveANewStayItsFacilitysMunicipality()
    {
        await using var db = api.NewDb();
        var unit = await db.Units.IgnoreQueryFilters().Include(u => u.Facility).FirstAsync();
        var version = unit.Version;
        unit.Update(unit.Label, unit.Beds + 1, unit.Status, new LocalDate(2026, 11, 22));
        var person = await db.Persons.IgnoreQueryFilters().Select(p => p.Id).FirstAsync();
        var stay = new Placement(person, unit.Id, unit.FacilityId, LegalBasis.Section104, new DateRange(new LocalDate(2026, 1, 1), null),
            SupportMethod.None, null, null, null);
        db.Add(stay);
        await RecordStamps.ApplyAsync(db, db.ChangeTracker.Entries<Entity>().ToList(), default);
        Assert.Equal(version + 1, unit.Version);
        Assert.Equal(unit.Facility!.MunicipalityId, db.Entry(stay).Property<int?>(HousingDbContext.FacilityMunicipalityId).CurrentValue);
    }
}
