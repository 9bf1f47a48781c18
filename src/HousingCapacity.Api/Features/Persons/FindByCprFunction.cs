namespace HousingCapacity.Api.Features.Persons;

/// <summary>
/// <c>GET /odata/Persons/HousingCapacity.FindByCpr(cpr='DDMMYY-SSSS')</c>: the look-up by CPR number, for housing officers
/// and shelter staff. It searches every person, not only those already in the caller's scope: whoever stands at the door
/// of a shelter is identified by the number they give, and must not be registered twice. Only someone who already knows
/// the whole number finds anyone; every look-up, hit or miss, is in the access log (with the X-Purpose header) and counts
/// against the caller's budget of look-ups (<see cref="CprLookups"/>).
/// </summary>
public static class FindByCprFunction
{

    public static async Task<List<PersonMatch>> InvokeAsync(HousingDbContext db, CprLookups lookups, string cpr, CancellationToken ct)
    {
        return (await lookups.FindAsync(db, CprNumber.Parse(cpr), CprLookups.Lookup, ct))
            .Select(p => new PersonMatch
            {
                PersonId = p.Id,
                FirstName = p.FirstName,
                LastName = p.LastName,
                BirthDate = p.BirthDate,
                Gender = p.Gender,
                MunicipalityId = p.MunicipalityId,
                MergedIntoId = p.MergedIntoId,
            })
            .ToList();
    }
}
