using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Placements are history: POST allocates (every placement rule), and afterwards a stay changes only through its actions.
/// Each action reads its body into its command (the record that declares the action's parameters: ActionCommands).
/// </summary>
public sealed class PlacementsController(PlacementAllocation allocation, CheckInAction checkIn, LongStaysFunction longStays,
    Microsoft.Extensions.Options.IOptions<PlacementPolicy> policy, Admissions admissions)
    : EntitySetController<Placement>(allocation)
{
    /// <summary>Check-out: the end date is the morning the person leaves (the bed is free that night), how the stay ended and where the
    /// person went; for a §110 stay also the decision on support after the stay (Serviceloven §176 a) and its date.</summary>
    [HttpPost]
    public Task<IActionResult> Discharge(int key, [FromActionBody] DischargeCommand command) =>
        ActAsync(key, p => StayActions.DischargeAsync(Db, p, command, WriteContext));

    /// <summary>
    /// <c>Placements({id})/HousingCapacity.Admit</c>: the place admits a person the municipality referred (Serviceloven §110 stk. 4:
    /// the leader's decision). For a young person the youth policy's exception is the place's to decide, with its own
    /// <c>exceptionJustification</c> (the referral's reason is the municipality's case, not the decision).
    /// </summary>
    [HttpPost]
    public Task<IActionResult> Admit(int key, [FromActionBody] AdmitCommand command) =>
        ActAsync(key, async p => await admissions.AdmitAsync(Db, p, command.ExceptionJustification, WriteContext));

    /// <summary>
    /// <c>Placements({id})/HousingCapacity.RefuseAdmission</c>: the place refuses a person the municipality referred (an afslag),
    /// with its reason: the referral is removed from the stays and the refusal is recorded as a turnaway with its grounds.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> RefuseAdmission(int key, [FromActionBody] RefuseAdmissionCommand command)
    {
        return Answer(await Db.WriteAsync(async () =>
        {
            var stay = await FindAsync(key);
            return await admissions.RefuseAsync(Db, stay, command.Reason, command.Explanation, WriteContext);
        }, HttpContext.RequestAborted), turnaway => Ok(turnaway));
    }

    /// <summary>§176 a stk. 1 nr. 2: §85 a bostøtte decided after the §107 stay that followed this §110 stay.</summary>
    [HttpPost]
    public Task<IActionResult> RecordHousingSupportAfterSection107(int key,
        [FromActionBody] HousingSupportAfterSection107Command command) =>
        ActAsync(key, p => p.RecordHousingSupportAfterSection107(
            command.DecidedOn.ToLocalDate(), DanishTime.Today(Clock)));

    /// <summary><c>Placements/HousingCapacity.RefusionPeriods()</c>: the §110 stays with a §176 a decision the caller's municipality
    /// is handlekommune for, each with the refusion period it falls in (<see cref="RefusionPeriods"/>).</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<RefusionPeriod>> RefusionPeriods() =>
        (await Allocation.RefusionPeriods.OfAsync(Db, Caller, HttpContext.RequestAborted)).AsQueryable();

    /// <summary>Cancels a stay entered in error, with a reason (<see cref="PlacementCancellation"/>): 204, and the stay is gone.</summary>
    [HttpPost]
    public async Task<IActionResult> Cancel(int key, [FromActionBody] CancelStayCommand command)
    {
        return Answer(await Db.WriteAsync(async Task<Outcome<Placement>> () =>
        {
            var stay = await FindAsync(key);
            CheckIfMatch(stay);
            return await PlacementCancellation.CancelAsync(Db, stay, command.Reason, WriteContext) is { } refusal ? refusal : stay;
        }, HttpContext.RequestAborted), _ => NoContent());
    }

    /// <summary>The handlekommune was notified of a §110 admission (Serviceloven §110 stk. 6); default today.</summary>
    [HttpPost]
    public Task<IActionResult> MarkNotified(int key, [FromActionBody] MarkNotifiedCommand command) =>
        ActAsync(key, p => p.MarkNotified(command.NotifiedOn?.ToLocalDate() ?? DanishTime.Today(Clock)));

    /// <summary>
    /// Changes the stay's handlekommune (retssikkerhedsloven §§ 9–9 b) with a reason; <c>municipalityCode</c> null means
    /// unknown. The §110 notice and the officers' scope follow it.
    /// </summary>
    [HttpPost]
    public Task<IActionResult> ChangeResponsibleMunicipality(int key, [FromActionBody] ChangeResponsibleMunicipalityCommand command) =>
        ActAsync(key, p => StayActions.ChangeResponsibleMunicipalityAsync(Db, p, command, HttpContext.RequestAborted));

    /// <summary>Extends CTI past its end with a reason: a new support period (CTI is 9 months; longer intensive support should be
    /// ICM or ACT, see ChangeSupportMethod).</summary>
    [HttpPost]
    public Task<IActionResult> ExtendSupport(int key, [FromActionBody] ExtendSupportCommand command) =>
        ActAsync(key, p =>
        {
            p.ExtendSupport(command.Until.ToLocalDate(), command.Reason, Caller.Name);
        });

    /// <summary>The former name of ExtendSupport, kept for existing clients; it now also needs a reason.</summary>
    [HttpPost]
    public Task<IActionResult> RenewSupport(int key, [FromActionBody] ExtendSupportCommand command) =>
        ExtendSupport(key, command);

    /// <summary>Moves the support to another method (e.g. CTI to ICM or ACT) from a date, with a reason: a new support period.</summary>
    [HttpPost]
    public Task<IActionResult> ChangeSupportMethod(int key, [FromActionBody] ChangeSupportMethodCommand command) =>
        ActAsync(key, p =>
        {
            p.ChangeSupportMethod(command.Method, command.From?.ToLocalDate() ?? DanishTime.Today(Clock), command.Reason, Caller.Name,
                policy.Value.CtiMonths);
        });

    /// <summary><c>Placements/HousingCapacity.CheckIn</c>: check-in at the door of the caller's own place (the presence rule), by
    /// CPR number, or without one: an alias, gender and a birth year or an estimated age register the person too.</summary>
    [HttpPost]
    public async Task<IActionResult> CheckIn([FromActionBody] CheckInCommand command) =>
        Answer(await checkIn.InvokeAsync(Db, command, WriteContext), placement => Created(placement));

    /// <summary><c>Placements/HousingCapacity.LongStays(date=…, warnings=…)</c>: persons past the §110 threshold in their counting
    /// year (with <c>warnings=true</c> also those past an early warning).</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<LongStay>> LongStays(DateOnly? date, bool? warnings) =>
        (await longStays.InvokeAsync(Db, Required(date, nameof(date)).ToLocalDate(), warnings ?? false, WriteContext)).AsQueryable();

    /// <summary><c>Placements/HousingCapacity.OpenYouthExceptions()</c>: ongoing stays of young people at §110 places admitted as
    /// an exception to the youth rule, for the officers of the handlekommune (the query filters decide whose).</summary>
    [HttpGet, HousingQuery]
    public IQueryable<Placement> OpenYouthExceptions() => OpenYouthExceptionsOf(Db, Caller, DanishTime.Today(Clock));

    /// <summary>Open youth exceptions as the caller may list them (the page of open exceptions reads the same).</summary>
    public static IQueryable<Placement> OpenYouthExceptionsOf(HousingDbContext db, Caller caller, LocalDate date)
    {
        var today = date.ToDateOnly();
        var open = db.Placements.Where(p => p.LegalBasis == LegalBasis.Section110 && p.ExceptionDecidedBy != null
            && (p.EndDate == null || p.EndDate > today));
        // An officer sees the exceptions of the stays their municipality is handlekommune for, not every stay at its places.
        return caller.Is(Role.HousingOfficer) ? open.Where(p => p.ResponsibleMunicipalityId == caller.MunicipalityId) : open;
    }

    /// <summary><c>Placements/HousingCapacity.MinorsAtAdultPlaces()</c>: stays the caller may see of people who were under 18
    /// on their first night at an adult place (<see cref="MinorAtAdultPlaceRule"/>). The rule refuses such a stay now; these
    /// were recorded before it, and are listed for officers to correct, never deleted.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<Placement>> MinorsAtAdultPlaces() =>
        (await MinorsAtAdultPlacesOf(Db, HttpContext.RequestAborted)).AsQueryable();

    /// <summary>The stays of minors at adult places the caller may see, oldest first, with the person and the place.</summary>
    public static async Task<List<Placement>> MinorsAtAdultPlacesOf(HousingDbContext db, CancellationToken ct)
    {
        var adult = Enum.GetValues<LegalBasis>().Where(MinorAtAdultPlaceRule.IsAdultPlace).ToList();
        // The birth year narrows the stays in SQL; the exact age on the first night is the domain's (a 29 February birthday).
        var candidates = await db.Placements.Include(p => p.Person).Include(p => p.Facility)
            .Where(p => adult.Contains(p.LegalBasis) && p.Person!.BirthDate.Year >= p.StartDate.Year - MinorAtAdultPlaceRule.AdultAge)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(ct);
        return candidates.Where(p => MinorAtAdultPlaceRule.IsMinor(p.Person!, p.StartDate.ToLocalDate())).ToList();
    }
}
