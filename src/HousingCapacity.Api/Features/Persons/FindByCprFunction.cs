namespace HousingCapacity.Api.Features.Persons;

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
                PersonId = p.Id,
                FirstName = p.FirstName,
                LastName = p.LastName,
                BirthDate = p.BirthDate,
                Gender = p.Gender,
                MunicipalityId = p.MunicipalityId,
                MergedIntoId = p.MergedIntoId,
            })
            .ToListAsync(ct);
    }
}
