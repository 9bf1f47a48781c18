namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// <c>GET /odata/Persons/HousingCapacity.KnownWithoutCpr(facilityId=…, alias='…')</c>: the people without a CPR number who have
/// stayed at one of the caller's own places, whose alias contains the text given (all of them without one), most recent first,
/// at most <see cref="Limit"/>. Without it, every anonymous check-in made a new record, and the §110 counting year and the
/// readmission figures broke for exactly the people who return most (issue 24). Only the place's own staff and its
/// municipality's officers ask, only about that place; the persons in the answer are written to the access log.
/// </summary>
public static class KnownWithoutCprFunction
{
    public const int Limit = 20;

    public static async Task<Outcome<List<KnownWithoutCpr>>> InvokeAsync(HousingDbContext db, int facilityId, string? alias,
        CancellationToken ct)
    {
        var place = await References.VisibleAsync<Facility>(db, facilityId, "facilityId", ct);
        if (CheckInAction.OwnPlaceRefusal(db.Scope.Current, place) is { } notOwn) return notOwn;
        return await AtAsync(db, place, alias, ct);
    }

    /// <summary>The people without a CPR number known at <paramref name="place"/>, a door the caller is already known to own.</summary>
    public static async Task<List<KnownWithoutCpr>> AtAsync(HousingDbContext db, Facility place, string? alias, CancellationToken ct)
    {
        var stays = await db.Unscoped<Placement>().AsNoTracking()
            .Where(p => p.FacilityId == place.Id && p.Person!.Cpr == null && p.Person.MergedIntoId == null)
            .Select(p => new
            {
                p.PersonId, p.StartDate, p.EndDate, p.Person!.Alias, p.Person.Gender, p.Person.BirthDate, p.Person.AgeBasis,
            })
            .ToListAsync(ct);
        var wanted = Normalised(alias);
        return stays.Where(s => wanted.Length == 0 || Normalised(s.Alias).Contains(wanted, StringComparison.Ordinal))
            .GroupBy(s => s.PersonId)
            .Select(g => g.OrderByDescending(s => s.StartDate).First())
            .OrderByDescending(s => s.StartDate).ThenBy(s => s.PersonId)
            .Take(Limit)
            .Select(s => new KnownWithoutCpr
            {
                PersonId = s.PersonId, Alias = s.Alias ?? "", Gender = s.Gender, BirthYear = s.BirthDate.Year, AgeBasis = s.AgeBasis,
                LastStayStart = s.StartDate, LastStayEnd = s.EndDate,
            })
            .ToList();
    }

    /// <summary>An alias as staff type it and as it is compared: trimmed, single spaces, lower case (Danish letters too).</summary>
    public static string Normalised(string? alias) =>
        string.Join(' ', (alias ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToLower(System.Globalization.CultureInfo.GetCultureInfo("da-DK"));
}
