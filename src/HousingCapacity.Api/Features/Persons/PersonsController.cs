using HousingCapacity.Api.Features.Availability;
using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Persons;

public sealed class PersonsController(PersonWriter writer, EligiblePlacesFunction eligiblePlaces, IOptions<PlacementPolicy> policy,
    CprLookups lookups)
    : EntitySetController<Person>(writer)
{
    /// <summary><c>Persons({id})/HousingCapacity.CountingYear(date=…)</c>: the §110 counting year on a date (default today).</summary>
    [HttpGet, HousingQuery]
    public async Task<CountingYearView> CountingYear(int key, DateOnly? date)
    {
        var person = await FindAsync(key);
        var view = await CountingYearView.InvokeAsync(Db, person, date?.ToLocalDate() ?? DanishTime.Today(Clock),
            policy.Value.CountingYearRules(), HttpContext.RequestAborted);
        Persons.Saw(person.Id);
        return view;
    }

    /// <summary>
    /// <c>POST /odata/Persons/HousingCapacity.RegisterWithoutCpr</c>: someone without a CPR number (or who will not give it), by
    /// alias, gender and a birth year or an estimated age. An officer registers them in their own municipality unless told
    /// otherwise (they could not see a person of nobody's otherwise); staff may leave the municipality unknown and check the
    /// person in (CheckIn can also register at the door).
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> RegisterWithoutCpr([FromActionBody] RegisterWithoutCprCommand command) =>
        Answer<Person>(await Db.WriteAsync(async () =>
        {
            var municipalityId = command.MunicipalityId ?? (Caller.Is(Role.HousingOfficer) ? Caller.MunicipalityId : null);
            if (municipalityId is { } m)
                await References.EnsureVisibleAsync<Municipality>(Db, m, "municipalityId", HttpContext.RequestAborted);
            var person = Person.WithoutCpr(command.Alias, command.Gender, command.BirthYear, command.EstimatedAge,
                DanishTime.Today(Clock), municipalityId, command.FirstName, command.LastName);
            Db.Persons.Add(person);
            return person;
        }, HttpContext.RequestAborted), person => Created(person));

    /// <summary>A person registered without a CPR number gets it (refused if someone else has it: merge instead).</summary>
    [HttpPost]
    public Task<IActionResult> AddCpr(int key, [FromActionBody] AddCprCommand command) =>
        ActAsync(key, async p => await PersonMerge.AddCprAsync(Db, lookups, p, command.Cpr, HttpContext.RequestAborted));

    /// <summary>A new birth year or estimated age for a person without a CPR number (with one, the age follows from it).</summary>
    [HttpPost]
    public Task<IActionResult> UpdateAge(int key, [FromActionBody] UpdateAgeCommand command) =>
        ActAsync(key, p =>
        {
            p.UpdateAge(command.BirthYear, command.EstimatedAge, DanishTime.Today(Clock));
        });

    /// <summary>Merges this record into another record of the same person, keeping the whole history.</summary>
    [HttpPost]
    public Task<IActionResult> MergeInto(int key, [FromActionBody] MergeIntoCommand command) =>
        ActAsync(key, async p => await PersonMerge.MergeAsync(Db, p, command.PersonId, WriteContext));

    /// <summary><c>Persons/HousingCapacity.KnownWithoutCpr(facilityId=…, alias='…')</c>: people without a CPR number known at one of
    /// the caller's own places, to pick at a check-in (<see cref="Allocation.KnownWithoutCprFunction"/>).</summary>
    [HttpGet, HousingQuery]
    public async Task<IActionResult> KnownWithoutCpr(int? facilityId, string? alias) =>
        Answer(await Allocation.KnownWithoutCprFunction.InvokeAsync(Db, Required(facilityId, nameof(facilityId)), alias,
            HttpContext.RequestAborted), known =>
        {
            foreach (var k in known) Persons.Saw(k.PersonId);
            return Ok(known.AsQueryable());
        });

    /// <summary><c>Persons/HousingCapacity.FindByCpr(cpr='…')</c>.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<PersonMatch>> FindByCpr(string cpr) =>
        (await FindByCprFunction.InvokeAsync(Db, lookups, Required(cpr, nameof(cpr)), HttpContext.RequestAborted)).AsQueryable();

    /// <summary><c>Persons({id})/HousingCapacity.AccessLog()</c>: the GDPR art. 15 export.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<AccessLogRecord>> AccessLog(int key)
    {
        var person = await FindAsync(key);
        var lines = await AccessLogFunction.InvokeAsync(Db, person, HttpContext.RequestAborted);
        Persons.Saw(person.Id);
        return lines.AsQueryable();
    }

    /// <summary><c>Persons({id})/HousingCapacity.EligiblePlaces(date=…)</c>.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<FacilityAvailability>> EligiblePlaces(int key, DateOnly? date)
    {
        var person = await FindAsync(key);
        var places = await eligiblePlaces.InvokeAsync(Db, person, date?.ToLocalDate() ?? DanishTime.Today(Clock), WriteContext);
        Persons.Saw(person.Id);
        return places.AsQueryable();
    }

    private PersonsInResponse Persons => HttpContext.RequestServices.GetRequiredService<PersonsInResponse>();
}
