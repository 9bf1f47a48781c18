using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// One person for a housing officer: their stays, the §110 counting year and its warnings, their waitlist entries and offers, the
/// §110 notices due for their stays, and the way to their access log (GDPR art. 15) and to a place tonight.
/// </summary>
public sealed class PersonPageModel(IOptions<PlacementPolicy> policy, NoticedStays.NoticedStayWriter noticedStays) : OfficerPage
{
    public override string Title => Person is null ? "Person" : PersonText.Name(Person);
    public override string Purpose => "Personside";

    public Person Person { get; private set; } = null!;
    public string? Municipality { get; private set; }
    public List<Placement> Stays { get; private set; } = [];
    public CountingYearView CountingYear { get; private set; } = null!;
    public List<WaitlistEntry> Entries { get; private set; } = [];
    /// <summary>§110 stays elsewhere, known from notices (they count in the counting year).</summary>
    public List<NoticedStay> Noticed { get; private set; } = [];
    public Dictionary<int, string> MunicipalityNames { get; private set; } = [];

    [BindProperty] public string? PlaceName { get; set; }
    [BindProperty] public int? PlaceMunicipalityCode { get; set; }
    [BindProperty] public DateOnly? StartDate { get; set; }
    [BindProperty] public DateOnly? EndDate { get; set; }
    [BindProperty] public DateOnly? NoticeReceivedOn { get; set; }

    // The notice form's fields are named as the record's; the person is the page's.
    private static readonly IReadOnlyDictionary<string, string> NoticeFields =
        FieldsOf<NoticedStays.NewNoticedStay>("", ("PersonId", ""));

    /// <summary>Records a §110 stay at a place outside the system from its notice (as POST /odata/NoticedStays).</summary>
    public async Task<IActionResult> OnPostNoticedAsync(int id)
    {
        if (PlaceName is null) Invalid(nameof(PlaceName), "Skriv stedets navn, som det står i underretningen.");
        if (PlaceMunicipalityCode is null)
            Invalid(nameof(PlaceMunicipalityCode), "Skriv kommunenummeret for den kommune, der driver stedet.");
        if (StartDate is null) Invalid(nameof(StartDate), "Skriv datoen for den første nat.");
        if (ModelState.IsValid)
        {
            var saved = await WriteAsync(() => CreateAsync(noticedStays, new NoticedStays.NewNoticedStay(id, PlaceName!,
                PlaceMunicipalityCode!.Value, StartDate!.Value, EndDate, NoticeReceivedOn ?? Today.ToDateOnly())), NoticeFields);
            if (saved is not null)
            {
                Done = "Opholdet er registreret og tæller med i § 110-optællingsåret.";
                return Redirect($"/sagsbehandler/person/{id}");
            }
        }
        return await OnGetAsync(id);
    }

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
        Noticed = await Db.NoticedStays.AsNoTracking().Where(n => n.PersonId == id).OrderByDescending(n => n.StartDate).ToListAsync(ct);
        MunicipalityNames = await Db.Municipalities.ToDictionaryAsync(m => m.Code, m => m.Name, ct);
        Entries = await Db.WaitlistEntries.AsNoTracking().Include(e => e.Waitlist).Include(e => e.Offers).ThenInclude(o => o.Unit)
            .Where(e => e.PersonId == id).OrderByDescending(e => e.AppliedOn).ToListAsync(ct);
        return Page();
    }
}
