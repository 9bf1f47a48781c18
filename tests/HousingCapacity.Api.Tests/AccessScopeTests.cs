using System.Text;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;

namespace HousingCapacity.Api.Tests;

/// <summary>
/// Scope within a role: staff of one facility against another facility's records, an officer of one municipality against
/// another's persons, by every path; mass assignment; what staff see of a person.
/// </summary>
public class AccessScopeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    /// <summary>Two facilities of Rødovre with units and capacity reports: staff of A, records of B.</summary>
    private async Task<(int A, int B)> TwoFacilitiesAsync()
    {
        await using var db = api.NewDb();
        var withReports = await db.Facilities.Where(f => f.Municipality!.Code == 175 && db.CapacityReports.Any(r => r.FacilityId == f.Id)
                                                         && db.Units.Any(u => u.FacilityId == f.Id && u.Status == UnitStatus.InService))
            .OrderBy(f => f.Id).Select(f => f.Id).Take(2).ToListAsync();
        return (withReports[0], withReports[1]);
    }

    [Fact]
    public async Task StaffOfFacilityA_CannotChangeFacilityBsCapacity_ByAnyPath()
    {
        var (a, b) = await TwoFacilitiesAsync();
        var staff = api.Staff(a);
        await using var before = api.NewDb();
        var report = await before.CapacityReports.Where(r => r.FacilityId == b).OrderByDescending(r => r.Date).FirstAsync();
        var unit = await before.Units.FirstAsync(u => u.FacilityId == b && u.Status == UnitStatus.InService);

        // Another facility's records do not exist for staff: 404, as for any record out of sight, also when a write names one.
        var post = await staff.SendJsonAsync(HttpMethod.Post, "/odata/CapacityReports",
            $$"""{"FacilityId":{{b}},"Date":"2026-11-22","BedsOccupied":0}""");
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal("ReferenceNotFound", post.ErrorCode);
        // Another facility's records do not exist for staff: 404, as for any record out of sight.
        var patch = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/CapacityReports({report.Id})", """{"BedsOccupied":0}""",
            ifMatch: $"W/\"{report.Version}\"");
        Assert.Equal(HttpStatusCode.NotFound, patch.Status);
        var outOfService = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({unit.Id})", """{"Status":"OutOfService"}""",
            ifMatch: $"W/\"{unit.Version}\"");
        Assert.Equal(HttpStatusCode.NotFound, outOfService.Status);
        var import = await staff.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/imports/capacity-reports")
        {
            Content = new StringContent($"{a};2026-11-21;1;0;0\n{b};2026-11-21;1;0;0", Encoding.UTF8, "text/csv"),
        });
        Assert.Equal((HttpStatusCode)422, import.Status);
        Assert.Equal(["line 2"],
            import.Json.GetProperty("error").GetProperty("details").EnumerateArray().Select(d => d.GetProperty("target").GetString()));
        Assert.Contains($"facility {b} does not exist", import.Body);
        // Nor can staff move a report or a unit of their own to the other facility.
        await using (var db = api.NewDb())
        {
            var own = await db.Units.FirstAsync(u => u.FacilityId == a);
            var move = await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({own.Id})", $$"""{"FacilityId":{{b}}}""",
                ifMatch: $"W/\"{own.Version}\"");
            Assert.Equal(HttpStatusCode.BadRequest, move.Status);
        }

        await using var after = api.NewDb();
        Assert.Equal(report.Version, (await after.CapacityReports.SingleAsync(r => r.Id == report.Id)).Version);
        Assert.Equal(UnitStatus.InService, (await after.Units.SingleAsync(u => u.Id == unit.Id)).Status);
        var imported = await after.CapacityReports.Where(r => (r.FacilityId == a || r.FacilityId == b) && r.Date == new DateOnly(2026, 11,
            21)
                                                               && r.ReportedAt == api.Clock.GetCurrentInstant().ToDateTimeOffset())
                                                                   .Select(r => r.ReportedBy + r.FacilityId).ToListAsync();
        Assert.True(imported.Count == 0, string.Join(",", imported));
    }

    [Fact]
    public async Task Staff_SeeTheirFacility_AndOnlyPersonsStayingThereNowOrLately_WithCprMasked()
    {
        var (a, b) = await TwoFacilitiesAsync();
        var staff = api.Staff(a);
        Assert.Equal([a], (await staff.GetAsync("/odata/Facilities?$select=Id")).Value.EnumerateArray().Select(f => f.GetProperty("Id")
            .GetInt32()));
        Assert.All((await staff.GetAsync("/odata/Units?$select=FacilityId")).Value.EnumerateArray(), u => Assert.Equal(a,
            u.GetProperty("FacilityId").GetInt32()));
        Assert.All((await staff.GetAsync("/odata/CapacityReports?$select=FacilityId&$top=500")).Value.EnumerateArray(),
            r => Assert.Equal(a, r.GetProperty("FacilityId").GetInt32()));
        Assert.Empty((await staff.GetAsync($"/odata/Placements?$filter=FacilityId eq {b}")).Value.EnumerateArray());
        // Functions list only what the caller may see, though they count everything (LongStays counts every §110 night).
        Assert.All((await staff.GetAsync("/odata/Placements/HousingCapacity.LongStays(date=2026-11-22)?$top=500")).Value.EnumerateArray(),
            s => Assert.Equal(a, s.GetProperty("FacilityId").GetInt32()));
        Assert.All((await staff.GetAsync("/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)")).Value.EnumerateArray(),
            f => Assert.Equal(a, f.GetProperty("FacilityId").GetInt32()));

        var persons = (await staff.GetAsync("/odata/Persons?$select=Id,Cpr&$top=500")).Value.EnumerateArray().ToList();
        Assert.NotEmpty(persons);
        await using var db = api.NewDb();
        var recent = ApiFixture.Today.PlusDays(-30);
        var expected = await db.Placements.Where(p => p.FacilityId == a && (p.EndDate == null || p.EndDate >= recent.ToDateOnly()))
            .Select(p => p.PersonId).Distinct().OrderBy(id => id).ToListAsync();
        Assert.Equal(expected, persons.Select(p => p.GetProperty("Id").GetInt32()).Order());
        // Masked where there is a number; someone taken in without one has none.
        foreach (var person in persons.Where(p => p.GetProperty("Cpr").ValueKind != System.Text.Json.JsonValueKind.Null))
            Assert.Matches(@"^\d{6}-XXXX$", person.GetProperty("Cpr").GetString()!);

        // A person who stayed at A long ago, or never, is not there for A's staff.
        var stranger = await db.Persons.Where(p => !db.Placements.Any(s => s.PersonId == p.Id
            && s.FacilityId == a)).Select(p => p.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/odata/Persons({stranger})")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/odata/Persons?$filter=Cpr eq '010190-0123'")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/odata/Persons?$orderby=Cpr")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/odata/Placements?$filter=Person/Cpr eq '010190-0123'")).Status);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await staff.GetAsync("/odata/Facilities?$filter=Placements/any(p: p/Person/Cpr eq '010190-0123')")).Status);
        // Expanded persons are masked too.
        var expanded = await staff.GetAsync("/odata/Placements?$top=5&$expand=Person($select=Cpr)");
        Assert.All(expanded.Value.EnumerateArray(), p => Assert.Matches(@"^\d{6}-XXXX$",
            p.GetProperty("Person").GetProperty("Cpr").GetString()!));
    }

    [Fact]
    public async Task OfficerOfAnotherMunicipality_CannotReachAPerson_ByKeyNavigationExpandOrFilter()
    {
        await using var db = api.NewDb();
        var rodovre = await db.Municipalities.SingleAsync(m => m.Code == 175);
        // A Rødovre resident who never stayed outside Rødovre.
        var person = await db.Persons.Where(p => p.MunicipalityId == rodovre.Id
                                                 && db.Placements.Any(s => s.PersonId == p.Id && s.EndDate == null)
                                                 && db.Placements.Where(s => s.PersonId == p.Id).All(s =>
                                                     s.Facility!.MunicipalityId == rodovre.Id)
                                                 && db.WaitlistEntries.Any(e => e.PersonId == p.Id))
            .OrderBy(p => p.Id).FirstAsync();
        var stay = await db.Placements.FirstAsync(s => s.PersonId == person.Id && s.EndDate == null);
        var entry = await db.WaitlistEntries.FirstAsync(e => e.PersonId == person.Id);
        var hvidovre = api.As(Role.HousingOfficer, 167);
        // A bed held for the person tonight (put straight in: the facility may be full).
        db.BedHolds.Add(new BedHold(stay.FacilityId, stay.UnitId, person.Id, ApiFixture.Today, api.Clock.GetCurrentInstant(),
            NodaTime.Duration.FromHours(1), "test", null));
        await db.SaveChangesAsync();

        foreach (var url in new[]
                 {
                     $"/odata/Persons({person.Id})", $"/odata/Persons({person.Id})/Placements",
                         $"/odata/Persons({person.Id})?$expand=Placements",
                     $"/odata/Placements({stay.Id})", $"/odata/Placements({stay.Id})/Person", $"/odata/WaitlistEntries({entry.Id})",
                     $"/odata/WaitlistEntries({entry.Id})/Person",
                         $"/odata/Persons({person.Id})/HousingCapacity.EligiblePlaces(date=2026-11-22)",
                     $"/odata/Persons({person.Id})/HousingCapacity.AccessLog()",
                 })
            Assert.True((await hvidovre.GetAsync(url)).Status == HttpStatusCode.NotFound, url);

        string[] anywhere =
        [
            $"/odata/Persons?$filter=Id eq {person.Id}",
            $"/odata/Persons?$filter=LastName eq '{person.LastName}' and FirstName eq '{person.FirstName}'",
            $"/odata/Placements?$filter=PersonId eq {person.Id}",
            $"/odata/Placements?$filter=Person/LastName eq '{person.LastName}'&$top=500",
            $"/odata/Facilities({stay.FacilityId})/Placements?$top=500",
            $"/odata/Facilities({stay.FacilityId})?$expand=Placements($expand=Person)",
            $"/odata/Facilities?$expand=Placements($filter=PersonId eq {person.Id})",
            $"/odata/Facilities?$filter=Placements/any(p: p/PersonId eq {person.Id})",
            $"/odata/Units({stay.UnitId})/Placements",
            $"/odata/WaitlistEntries?$filter=PersonId eq {person.Id}",
            $"/odata/BedHolds?$filter=PersonId eq {person.Id}",
            $"/odata/Waitlists?$expand=Entries($expand=Person)",
            $"/odata/Placements?$apply=filter(PersonId eq {person.Id})/aggregate($count as N)",
            $"/odata/Placements/HousingCapacity.LongStays(date=2026-11-22)?$filter=PersonId eq {person.Id}",
        ];
        foreach (var url in anywhere)
        {
            var reply = await hvidovre.GetAsync(url);
            Assert.True(reply.Status == HttpStatusCode.OK, $"{url}: {(int)reply.Status} {reply.Body}");
            Assert.DoesNotContain($"\"PersonId\":{person.Id},", reply.Body);
            Assert.DoesNotContain($"\"PersonId\":{person.Id}}}", reply.Body);
            Assert.DoesNotContain($"\"LastName\":\"{person.LastName}\",\"BirthDate\":\"{person.BirthDate:yyyy-MM-dd}\"", reply.Body);
            Assert.DoesNotContain(person.Cpr!, reply.Body);
            if (url.Contains("$apply", StringComparison.Ordinal)) Assert.Contains("\"N\":0",
                reply.Body); // none of Hvidovre's stays are this person's
        }
        // The same requests from Rødovre find the person: the paths themselves work.
        Assert.Equal(HttpStatusCode.OK, (await api.OData.GetAsync($"/odata/Persons({person.Id})")).Status);
        Assert.Contains($"\"PersonId\":{person.Id}", (await api.OData.GetAsync($"/odata/Placements?$filter=PersonId eq {person.Id}")).Body);
        Assert.Contains($"\"PersonId\":{person.Id}", (await api.OData.GetAsync($"/odata/BedHolds?$filter=PersonId eq {person.Id}")).Body);

        // Nor can Hvidovre change the person or end the stay.
        Assert.Equal(HttpStatusCode.NotFound, (await hvidovre.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})",
            """{"FirstName":"Ændret"}""",
            ifMatch: $"W/\"{person.Version}\"")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await hvidovre.SendJsonAsync(HttpMethod.Post,
            $"/odata/Placements({stay.Id})/HousingCapacity.Discharge",
            """{"endDate":"2026-11-22","dischargeReason":"Planned","destination":"OwnHome"}""")).Status);
        await using var after = api.NewDb();
        Assert.Equal(person.FirstName, (await after.Persons.SingleAsync(p => p.Id == person.Id)).FirstName);
        Assert.Null((await after.Placements.SingleAsync(p => p.Id == stay.Id)).EndDate);
    }

    [Fact]
    public async Task Committee_GetsNoPersonLevelData_WhateverThePath()
    {
        var committee = api.As(Role.Committee, 175);
        foreach (var url in new[]
                 {
                     "/odata/Persons", "/odata/Persons/$count", "/odata/Placements", "/odata/Turnaways", "/odata/BedHolds",
                         "/odata/WaitlistEntries",
                     "/odata/Facilities?$expand=Placements", "/odata/Facilities?$filter=Placements/any()",
                         "/odata/Facilities?$orderby=Placements/$count",
                     "/odata/Units?$expand=Placements($select=Id)", "/odata/Facilities(1)/Placements/$count",
                         "/odata/Municipalities?$expand=Waitlists",
                     "/odata/Facilities?$apply=filter(Placements/any())/aggregate($count as N)",
                     "/odata/Facilities/HousingCapacity.Availability(date=2026-11-22)",
                     "/odata/Persons/HousingCapacity.FindByCpr(cpr='010190-0123')",
                 })
            Assert.True((await committee.GetAsync(url)).Status == HttpStatusCode.Forbidden, url);
        var facilities = await committee.GetAsync("/odata/Facilities?$select=Id,Name");
        Assert.Equal(HttpStatusCode.OK, facilities.Status);
    }

    [Fact]
    public async Task MassAssignment_OfKeysOwnersEtagsAndAuditFields_IsRefused_AndChangesNothing()
    {
        await using var db = api.NewDb();
        var person = await db.Persons.OrderBy(p => p.Id).FirstAsync(p => p.MunicipalityId == 1);
        var etag = $"W/\"{person.Version}\"";
        foreach (var body in new[]
                 {
                     """{"MunicipalityId":2}""", """{"Id":999999}""", """{"Version":99}""", """{"ResponsibleMunicipalityId":2}""",
                     """{"CprHash":"x"}""", """{"Cpr":"010190-0123"}""", """{"BirthDate":"1990-01-01"}""",
                 })
        {
            var reply = await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})", body, ifMatch: etag);
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{body}: {(int)reply.Status} {reply.Body}");
        }
        // An ETag in the body is not the If-Match: the stale header wins, and nothing changes.
        var stale = await api.OData.SendJsonAsync(HttpMethod.Patch, $"/odata/Persons({person.Id})",
            """{"@odata.etag":"W/\"1\"","FirstName":"Ny"}""", ifMatch: $"W/\"{person.Version + 5}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        // Creating with a chosen Id or for another municipality's officer scope.
        var withId = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Id":999999,"Cpr":"{{Builders.Cpr(new NodaTime.LocalDate(1980, 2, 3), true)}}","FirstName":"A","LastName":"B",""" +
                """ "MunicipalityId":1}""");
        Assert.Equal(HttpStatusCode.BadRequest, withId.Status);
        var elsewhere = await api.OData.SendJsonAsync(HttpMethod.Post, "/odata/Persons",
            $$"""{"Cpr":"{{Builders.Cpr(new NodaTime.LocalDate(1980, 2, 4), true)}}","FirstName":"A","LastName":"B","MunicipalityId":2}""");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.Status);

        // Capacity reports: who reported and when is the server's, not the client's.
        var (a, b) = await TwoFacilitiesAsync();
        var report = await db.CapacityReports.Where(r => r.FacilityId == a).OrderByDescending(r => r.Date).FirstAsync();
        foreach (var body in new[] { """{"ReportedBy":"en anden"}""", """{"ReportedAt":"2020-01-01T00:00:00Z"}""",
            $$"""{"FacilityId":{{b}}}""", """{"Date":"2026-01-01"}""" })
        {
            var reply = await api.Staff(a).SendJsonAsync(HttpMethod.Patch, $"/odata/CapacityReports({report.Id})", body,
                ifMatch: $"W/\"{report.Version}\"");
            Assert.True(reply.Status == HttpStatusCode.BadRequest, $"{body}: {(int)reply.Status} {reply.Body}");
        }

        await using var after = api.NewDb();
        var same = await after.Persons.SingleAsync(p => p.Id == person.Id);
        Assert.Equal((person.Version, person.MunicipalityId, person.FirstName, person.Cpr), (same.Version, same.MunicipalityId,
            same.FirstName, same.Cpr));
        Assert.False(await after.Persons.AnyAsync(p => p.Id == 999999));
        var sameReport = await after.CapacityReports.SingleAsync(r => r.Id == report.Id);
        Assert.Equal((report.Version, report.ReportedBy, report.ReportedAt), (sameReport.Version, sameReport.ReportedBy,
            sameReport.ReportedAt));
    }

    [Fact]
    public async Task Staff_CheckAPersonInAndOut_AtTheirFacility_AndNowhereElse()
    {
        var make = new Builders(api);
        var own = await make.FacilityAsync("EmergencyBeds");
        var ownUnit = await make.UnitAsync(own, beds: 2);
        var other = await make.FacilityAsync("EmergencyBeds");
        await make.UnitAsync(other, beds: 2);
        var staff = api.Staff(own);
        var asStaff = new Builders(staff, api.Admin);

        // Check-in: the person at the door is registered (or found by CPR number) and given a bed here.
        var (person, cpr) = await asStaff.RegisterAsync(ApiFixture.Today.PlusYears(-44));
        // Until the person stays here, staff do not see them: a PersonId alone is 404, and so is another facility.
        Assert.Equal(HttpStatusCode.NotFound, (await asStaff.AllocateAsync(person, own)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await asStaff.CheckInAsync(cpr, other)).Status);
        var stay = await asStaff.CheckInAsync(cpr, own);
        Assert.True(stay.Status == HttpStatusCode.Created, stay.Body);
        var stayId = stay.Json.GetProperty("Id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/odata/Persons({person})")).Status);

        // A turnaway and a hold here, not at the other facility.
        Assert.Equal(HttpStatusCode.Created, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            $$"""{"FacilityId":{{own}},"Date":"2026-11-22","Reason":"Full"}""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/Turnaways",
            $$"""{"FacilityId":{{other}},"Date":"2026-11-22","Reason":"Full"}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds", $$"""{"FacilityId":{{own}}}"""))
            .Status);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/BedHolds",
            $$"""{"FacilityId":{{other}}}""")).Status);
        // Units of their own facility in and out of service; not their beds, nor a new unit (the catalogue is the administrator's).
        await using (var db = api.NewDb())
        {
            var unit = await db.Units.SingleAsync(u => u.Id == ownUnit);
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({ownUnit})",
                """{"Beds":3}""",
                ifMatch: $"W/\"{unit.Version}\"", prefer: "return=representation")).Status);
            Assert.Equal(HttpStatusCode.OK, (await staff.SendJsonAsync(HttpMethod.Patch, $"/odata/Units({ownUnit})",
                """{"Status":"InService"}""",
                ifMatch: $"W/\"{unit.Version}\"", prefer: "return=representation")).Status);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.SendJsonAsync(HttpMethod.Post, "/odata/Units",
            $$"""{"FacilityId":{{own}},"Label":"Ny","Beds":1}""")).Status);

        // Check-out.
        var discharged = await staff.SendJsonAsync(HttpMethod.Post, $"/odata/Placements({stayId})/HousingCapacity.Discharge",
            """{"endDate":"2026-11-23","dischargeReason":"Planned","destination":"OwnHome"}""");
        Assert.True(discharged.Status == HttpStatusCode.OK, discharged.Body);
        // Staff of the other facility never saw any of it.
        var others = api.Staff(other);
        Assert.Equal(HttpStatusCode.NotFound, (await others.GetAsync($"/odata/Persons({person})")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await others.GetAsync($"/odata/Placements({stayId})")).Status);
        Assert.Empty((await others.GetAsync("/odata/Turnaways")).Value.EnumerateArray());
    }
}
