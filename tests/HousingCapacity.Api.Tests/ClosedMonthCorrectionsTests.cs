using HousingCapacity.Api.Data;
using HousingCapacity.Api.Reporting;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Issue 26.2: a closed month's report says "rettet" when a user corrects that month's own data, and not for today's work. The
/// stays are made by the system (as the seed makes history, which marks nothing); the changes are an officer's (the default caller).
/// </summary>
public class ClosedMonthCorrectionsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly YearMonth September = new(2026, 9), October = new(2026, 10);

    [Fact]
    public async Task ADischargeToday_MarksNothing_AnAdmissionCorrected_MarksItsMonth()
    {
        int municipality, discharged, corrected;
        var make = new Builders(api);
        var persons = new[] { await make.PersonAsync(ApiFixture.Today.PlusYears(-40)),
            await make.PersonAsync(ApiFixture.Today.PlusYears(-41)) };
        var facility = await make.FacilityAsync("SkaevBolig");
        var units = new[] { await make.UnitAsync(facility), await make.UnitAsync(facility) };
        await using (var db = api.NewDb())
        {
            municipality = (await db.Municipalities.SingleAsync(m => m.Code == 175)).Id;
            Placement Stay(int person, int unit) => new(person, unit, facility, LegalBasis.Section107, new DateRange(new LocalDate(2026, 9,
                1), null), SupportMethod.None, null, ReferralRoute.Municipality, null);
            var (a, b) = (Stay(persons[0], units[0]), Stay(persons[1], units[1]));
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            (discharged, corrected) = (a.Id, b.Id);
        }
        await using (var db = api.NewDb())
        {
            Assert.Null(await ClosedMonthCorrections.OfAsync(db, municipality, September, default));
        }

        await using (var db = api.CallerDb())
        {
            (await db.Placements.SingleAsync(p => p.Id == discharged)).Discharge(ApiFixture.Today, DischargeReason.Planned,
                Destination.OwnHome);
            await db.SaveChangesAsync();
        }
        await using (var db = api.NewDb())
        {
            Assert.Null(await ClosedMonthCorrections.OfAsync(db, municipality, September, default));
            Assert.Null(await ClosedMonthCorrections.OfAsync(db, municipality, October, default));
        }

        await using (var db = api.CallerDb())
        {
            (await db.Placements.SingleAsync(p => p.Id == corrected)).ChangeResponsibleMunicipality(municipality,
                "Borgeren har ophold i kommunen");
            await db.SaveChangesAsync();
        }
        await using (var db = api.NewDb())
        {
            Assert.Equal(ApiFixture.Today, await ClosedMonthCorrections.OfAsync(db, municipality, September, default));
            Assert.Null(await ClosedMonthCorrections.OfAsync(db, municipality, October, default));
        }
    }
}
