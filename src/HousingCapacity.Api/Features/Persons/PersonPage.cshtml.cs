using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// One person for a housing officer: their stays, the §110 counting year and its warnings, their waitlist entries and offers, the
/// §110 notices due for their stays, and the way to their access log (GDPR art. 15) and to a place tonight.
/// </summary>
public sealed class PersonPageModel(IOptions<PlacementPolicy> policy) : OfficerPage
{
    public override string Title => Person is null ? "Person" : PersonText.Name(Person);
    public override string Purpose => "Personside";

    public Person Person { get; private set; } = null!;
    public string? Municipality { get; private set; }
    public List<Placement> Stays { get; private set; } = [];
    public CountingYearView CountingYear { get; private set; } = null!;
    public List<WaitlistEntry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        var person = await Db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return NotFound();
        Person = person;
        Shows(person.Id);
        Municipality = person.MunicipalityId is { } m
            ? await Db.Municipalities.Where(x => x.Id == m).Select(x => x.Name + " (" + x.Code + ")").SingleOrDefaultAsync(ct) : null;
        Stays = await Db.Placements.AsNoTracking().Include(p => p.Facility).Include(p => p.Unit).Where(p => p.PersonId == id)
            .OrderByDescending(p => p.StartDate).ToListAsync(ct);
        CountingYear = await CountingYearView.InvokeAsync(Db, person, Today, policy.Value.CountingYearRules(), ct);
        Entries = await Db.WaitlistEntries.AsNoTracking().Include(e => e.Waitlist).Include(e => e.Offers).ThenInclude(o => o.Unit)
            .Where(e => e.PersonId == id).OrderByDescending(e => e.AppliedOn).ToListAsync(ct);
        return Page();
    }
}
