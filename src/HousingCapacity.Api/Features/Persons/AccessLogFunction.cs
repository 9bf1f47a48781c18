namespace HousingCapacity.Api.Features.Persons;

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
        // The lines of records merged into this one are the person's too (they stay under the merged record's id: the log is
        // append-only).
        var personId = person.Id;
        var ids = await db.Unscoped<Person>().Where(p => p.MergedIntoId == personId).Select(p => (int?)p.Id).ToListAsync(ct);
        ids.Add(personId);
        return await db.AccessLogLines.Where(e => ids.Contains(e.PersonId)).OrderBy(e => e.Id)
            .Select(e => new AccessLogRecord
            {
                At = e.At.ToDateTimeOffset(),
                UserName = e.UserName,
                Role = e.Role,
                MunicipalityCode = e.MunicipalityCode,
                Operation = e.Operation,
                Request = e.Request,
                Purpose = e.Purpose,
            })
            .ToListAsync(ct);
    }
}
