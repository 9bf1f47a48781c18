using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.NoticedStays;

/// <summary>
/// POST /odata/NoticedStays: an officer records a §110 stay at a place outside this system from the place's notice
/// (Serviceloven §110 stk. 6), for a person their municipality can see; PATCH sets its end when the place tells of the
/// discharge. The stay's nights count in the person's counting year (<see cref="Section110Nights"/>); it cannot overlap
/// another stay of the person's known to this system (409). Like every stay it is history: it is never deleted, and a merge of
/// the person's records moves it.
/// </summary>
public sealed class NoticedStayWriter : IEntitySetWriter, ICreatesFrom<NewNoticedStay>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewNoticedStay>();
    public IReadOnlySet<string> Updatable { get; } = EntityValues.NamesOf<NoticedStayChange>();
    public bool AllowsUpdate => true;
    public bool AllowsDelete => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewNoticedStay>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewNoticedStay n, WriteContext c)
    {
        var person = await References.VisibleAsync<Person>(db, n.PersonId, "PersonId", c.Cancellation);
        person.EnsureNotMerged("PersonId");
        if (db.Scope.Current.MunicipalityId is not { } municipality)
            return Refusal.Invalid("MissingMunicipality", "Kun en kommunes sagsbehandlere registrerer underretninger.",
                "Only a municipality's officers record notices.");
        var today = DanishTime.Today(c.Clock);
        var stay = new DateRange(n.StartDate.ToLocalDate(), n.EndDate?.ToLocalDate());
        var noticed = new NoticedStay(person.Id, municipality, n.PlaceName, n.PlaceMunicipalityCode, stay,
            n.NoticeReceivedOn?.ToLocalDate() ?? today, today, c.UserName);
        if (await OverlapRefusalAsync(db, noticed, c.Cancellation) is { } overlap) return overlap;
        return (noticed, true);
    }

    public async Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context)
    {
        var noticed = (NoticedStay)entity;
        // The end is always given, also in a PATCH: a stay elsewhere changes only by ending.
        noticed.RecordEnd(values.As<NoticedStayChange>().EndDate.ToLocalDate(), DanishTime.Today(context.Clock));
        return await OverlapRefusalAsync(db, noticed, context.Cancellation);
    }

    /// <summary>A person is in one place a night: a noticed stay may not share a night with a stay here or another noticed one.</summary>
    private static async Task<Refusal?> OverlapRefusalAsync(HousingDbContext db, NoticedStay noticed, CancellationToken ct)
    {
        var (start, end) = (noticed.StartDate, noticed.EndDate ?? DateOnly.MaxValue);
        var here = await db.Unscoped<Placement>().AnyAsync(p => p.PersonId == noticed.PersonId && p.StartDate < end
            && (p.EndDate == null || p.EndDate > start), ct);
        var elsewhere = await db.Unscoped<NoticedStay>().AnyAsync(n => n.PersonId == noticed.PersonId && n.Id != noticed.Id
            && n.StartDate < end && (n.EndDate == null || n.EndDate > start), ct);
        return !(here || elsewhere) ? null : Refusal.Conflict("OverlapsAnotherStay",
                "Personen har allerede et ophold i nogle af de samme nætter. Et menneske er ét sted om natten: ret datoerne.",
                "The person already has a stay on some of the same nights; a person is in one place a night: correct the dates.",
                "StartDate");
    }
}
