using TransitionWork = HousingCapacity.Api.Features.Transitions;
using HousingCapacity.Api.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// One person for a housing officer: their stays (each with its own page to end it, change its handlekommune or cancel it), the §110
/// counting year and its warnings, their waitlist entries and offers, the §110 notices due for their stays, and the way to their
/// access log (GDPR art. 15) and to a place tonight. Here the officer puts the person on a waitlist (as POST /odata/WaitlistEntries),
/// adds a CPR number (<c>Persons({id})/AddCpr</c>) and merges two records of the same person (<c>/MergeInto</c>).
/// </summary>
public sealed class PersonPageModel(IOptions<PlacementPolicy> policy, NoticedStays.NoticedStayWriter noticedStays,
    Waitlists.WaitlistEntryWriter entries, CprLookups lookups, TransitionWork.TransitionWriter transitions) : OfficerPage
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

    /// <summary>The municipality's waitlists the person is not on now.</summary>
    public List<Waitlist> OpenWaitlists { get; private set; } = [];
    [BindProperty] public int? JoinWaitlistId { get; set; }
    [BindProperty] public bool JoinUrgent { get; set; }
    [BindProperty] public string? JoinReason { get; set; }

    [BindProperty] public string? NewCpr { get; set; }

    /// <summary>The person's transitions (known dates of losing their roof), newest first.</summary>
    public List<Transition> Transitions { get; private set; } = [];
    [BindProperty] public TransitionKind? TransitionKind { get; set; }
    [BindProperty] public DateOnly? LosesRoofOn { get; set; }
    [BindProperty] public string? ComingFrom { get; set; }
    [BindProperty] public string? ToldBy { get; set; }
    [BindProperty] public DateOnly? ToldOn { get; set; }
    [BindProperty] public string? TransitionNote { get; set; }

    [BindProperty] public string? MergeQuery { get; set; }
    [BindProperty] public int? MergeTargetId { get; set; }
    [BindProperty] public bool MergeConfirmed { get; set; }
    /// <summary>Other records found by the merge search (this one left out).</summary>
    public List<PersonSearch.Hit>? MergeCandidates { get; private set; }

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

    /// <summary>Puts the person on a waitlist: applied today, urgent only with a reason the next officer can read.</summary>
    public async Task<IActionResult> OnPostWaitlistAsync(int id)
    {
        if (JoinWaitlistId is null) Invalid(nameof(JoinWaitlistId), "Vælg ventelisten.");
        if (JoinUrgent && string.IsNullOrWhiteSpace(JoinReason))
            Invalid(nameof(JoinReason), "Skriv hvorfor personen skal gå forud for dem, der har ventet længere.");
        if (ModelState.IsValid)
        {
            var saved = await WriteAsync(() => CreateAsync(entries, new Waitlists.NewWaitlistEntry(JoinWaitlistId!.Value, id,
                    Priority: JoinUrgent ? Priority.Urgent : Priority.Normal, PriorityReason: JoinUrgent ? JoinReason : null)),
                new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
                {
                    ["WaitlistId"] = nameof(JoinWaitlistId), ["PersonId"] = nameof(JoinWaitlistId), ["PriorityReason"] = nameof(JoinReason),
                });
            if (saved is not null)
            {
                var name = await Db.Waitlists.Where(w => w.Id == JoinWaitlistId).Select(w => w.Name).SingleAsync();
                Done = $"Personen står nu på ventelisten {name}{(JoinUrgent ? " som hastende" : "")}.";
                return Redirect($"/sagsbehandler/person/{id}");
            }
        }
        return await OnGetAsync(id);
    }

    /// <summary>Records a known date on which the person loses their roof (as POST /odata/Transitions): it goes on the worklist.</summary>
    public async Task<IActionResult> OnPostTransitionAsync(int id)
    {
        if (TransitionKind is null) Invalid(nameof(TransitionKind), "Vælg hvordan personen mister sit tag over hovedet.");
        if (LosesRoofOn is null) Invalid(nameof(LosesRoofOn), "Skriv datoen, personen mister sit tag over hovedet.");
        if (string.IsNullOrWhiteSpace(ComingFrom)) Invalid(nameof(ComingFrom), "Skriv stedet, personen kommer fra.");
        if (string.IsNullOrWhiteSpace(ToldBy)) Invalid(nameof(ToldBy), "Skriv hvem der gav kommunen besked.");
        if (ModelState.IsValid && await WriteAsync(() => CreateAsync(transitions, new TransitionWork.NewTransition(id,
                TransitionKind!.Value, LosesRoofOn!.Value, ComingFrom!, ToldBy!, ToldOn, Caller.Name, TransitionNote)),
                FieldsOf<TransitionWork.NewTransition>("", ("Kind", nameof(TransitionKind)), ("Note", nameof(TransitionNote)),
                    ("PersonId", ""))) is not null)
        {
            Done = $"Overgangen {Words.Date(LosesRoofOn!.Value)} står nu på listen over overgange.";
            return Redirect($"/sagsbehandler/person/{id}");
        }
        return await OnGetAsync(id);
    }

    /// <summary>The CPR number of a person registered without one (refused if another record has it: merge them instead).</summary>
    public async Task<IActionResult> OnPostCprAsync(int id)
    {
        if (string.IsNullOrWhiteSpace(NewCpr)) Invalid(nameof(NewCpr), "Skriv CPR-nummeret (DDMMÅÅ-XXXX).");
        else if (await WriteAsync(async Task<Outcome<Person>> () => await PersonMerge.AddCprAsync(Db, lookups,
                     await Db.Persons.SingleAsync(p => p.Id == id), NewCpr, HttpContext.RequestAborted),
                     new Dictionary<string, string> { ["cpr"] = nameof(NewCpr) }) is not null)
        {
            Done = "CPR-nummeret er tilføjet.";
            return Redirect($"/sagsbehandler/person/{id}");
        }
        NewCpr = null; // never written back into the page
        return await OnGetAsync(id);
    }

    /// <summary>Looks for the other record of the same person, by CPR number or name.</summary>
    public async Task<IActionResult> OnPostMergeSearchAsync(int id)
    {
        if (PersonSearch.Problem(MergeQuery) is { } problem) Invalid(nameof(MergeQuery), problem);
        else await FindMergeCandidatesAsync(id);
        return await OnGetAsync(id);
    }

    private async Task FindMergeCandidatesAsync(int id)
    {
        var found = await PersonSearch.FindAsync(Db, lookups, MergeQuery!, 1, Today, HttpContext.RequestAborted);
        MergeCandidates = found.Hits.Where(h => h.Person.Id != id).ToList();
        Shows(MergeCandidates.Select(h => h.Person.Id));
    }

    /// <summary>
    /// Merges the two records into one, keeping the record with the CPR number (a record without one is merged into it); when both or
    /// neither have one, this record is merged into the one chosen. Needs the officer's confirmation that it is the same person.
    /// </summary>
    public async Task<IActionResult> OnPostMergeAsync(int id)
    {
        if (MergeTargetId is null) Invalid(nameof(MergeTargetId), "Vælg den registrering, personen skal slås sammen med.");
        else if (!MergeConfirmed) Invalid(nameof(MergeConfirmed), "Bekræft at de to registreringer er samme person.");
        if (ModelState.IsValid)
        {
            var kept = await WriteAsync(async Task<Outcome<Person>> () =>
            {
                var self = await Db.Persons.SingleAsync(p => p.Id == id);
                var other = await References.VisibleAsync<Person>(Db, MergeTargetId!.Value, "personId", HttpContext.RequestAborted);
                var (duplicate, target) = self.HasCpr && !other.HasCpr ? (other, self) : (self, other);
                return (await PersonMerge.MergeAsync(Db, duplicate, target.Id, WriteContext)).Then(_ => target);
            }, new Dictionary<string, string> { ["personId"] = nameof(MergeTargetId) });
            if (kept is not null)
            {
                Done = "De to registreringer er slået sammen; al historik står nu her.";
                return Redirect($"/sagsbehandler/person/{kept.Id}");
            }
        }
        // The choice is shown again, next to what was missing or refused.
        if (PersonSearch.Problem(MergeQuery) is null) await FindMergeCandidatesAsync(id);
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
        Transitions = await Db.Transitions.AsNoTracking().Where(t => t.PersonId == id).OrderByDescending(t => t.LosesRoofOn)
            .ToListAsync(ct);
        var active = Entries.Where(e => e.Status is WaitlistEntryStatus.Waiting or WaitlistEntryStatus.Offered).Select(e => e.WaitlistId)
            .ToHashSet();
        OpenWaitlists = (await Db.Waitlists.AsNoTracking().OrderBy(w => w.Name).ToListAsync(ct)).Where(w => !active.Contains(w.Id))
            .ToList();
        return Page();
    }
}
