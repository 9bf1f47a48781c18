using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace HousingCapacity.Api.Features.Persons;

/// <summary>Who a CPR number belongs to, without the number itself (the caller has it). The complex type HousingCapacity.PersonMatch.</summary>
public sealed class PersonMatch
{
    public int PersonId { get; init; }
    public required string FirstName { get; init; }
    public required string LastName { get; init; }
    public DateOnly BirthDate { get; init; }
    public Gender Gender { get; init; }
    public int MunicipalityId { get; init; }
}

/// <summary>
/// <c>GET /odata/Persons/HousingCapacity.FindByCpr(cpr='DDMMYY-SSSS')</c>: the look-up by CPR number, for housing officers
/// and shelter staff. It searches every person, not only those already in the caller's scope: whoever stands at the door
/// of a shelter is identified by the number they give, and must not be registered twice. Only someone who already knows
/// the whole number finds anyone, and every look-up that finds someone is in the access log (with the X-Purpose header).
/// </summary>
public static class FindByCprFunction
{

    public static async Task<List<PersonMatch>> InvokeAsync(HousingDbContext db, string cpr, CancellationToken ct)
    {
        return await db.PersonsWithCpr(CprNumber.Parse(cpr))
            .Select(p => new PersonMatch
            {
                PersonId = p.Id, FirstName = p.FirstName, LastName = p.LastName, BirthDate = p.BirthDate, Gender = p.Gender,
                MunicipalityId = p.MunicipalityId,
            })
            .ToListAsync(ct);
    }
}

/// <summary>One line of a person's access log export. The complex type HousingCapacity.AccessLogRecord.</summary>
public sealed class AccessLogRecord
{
    public DateTimeOffset At { get; init; }
    public required string UserName { get; init; }
    public required string Role { get; init; }
    public int? MunicipalityCode { get; init; }
    public required string Operation { get; init; }
    public required string Request { get; init; }
    public string? Purpose { get; init; }
}

/// <summary>
/// <c>GET /odata/Persons({id})/HousingCapacity.AccessLog()</c>: everyone who read or changed the person's data, oldest first —
/// what the municipality hands over when the person asks under GDPR art. 15. For the housing officers of the municipality
/// responsible for the person: it answers the request as controller. An officer elsewhere who sees the person through a stay
/// at their own place does not get the whole history of who else saw them.
/// </summary>
public static class AccessLogFunction
{

    public static async Task<List<AccessLogRecord>> InvokeAsync(HousingDbContext db, Person person, CancellationToken ct)
    {
        var caller = db.Scope.Current;
        if (!caller.IsSystem && caller.MunicipalityId != person.MunicipalityId)
            throw new AccessDeniedException("Indsigt i adgangsloggen (GDPR art. 15) gives af den kommune, der har ansvaret for personen.",
                "The access log export (GDPR art. 15) is given by the municipality responsible for the person.");
        var personId = person.Id;
        return await db.Unscoped<AccessLogEntry>().Where(e => e.PersonId == personId).OrderBy(e => e.Id)
            .Select(e => new AccessLogRecord
            {
                At = e.At.ToDateTimeOffset(), UserName = e.UserName, Role = e.Role, MunicipalityCode = e.MunicipalityCode, Operation = e.Operation,
                Request = e.Request, Purpose = e.Purpose,
            })
            .ToListAsync(ct);
    }
}
