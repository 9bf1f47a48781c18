using HousingCapacity.Api.Features.Availability;
using HousingCapacity.Api.OData;
using Microsoft.AspNetCore.Mvc;

namespace HousingCapacity.Api.Features.Persons;

public sealed class PersonsController(PersonWriter writer, EligiblePlacesFunction eligiblePlaces) : EntitySetController<Person>(writer)
{
    /// <summary><c>Persons/HousingCapacity.FindByCpr(cpr='…')</c>.</summary>
    [HttpGet, HousingQuery]
    public async Task<IQueryable<PersonMatch>> FindByCpr(string cpr) =>
        (await FindByCprFunction.InvokeAsync(Db, Required(cpr, nameof(cpr)), HttpContext.RequestAborted)).AsQueryable();

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
