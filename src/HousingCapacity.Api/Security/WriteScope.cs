using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HousingCapacity.Api.Security;

/// <summary>
/// Which records a caller may create, change or delete, checked by the database context on every save, whichever endpoint,
/// action or import made the change. A change outside the caller's municipality or facilities is refused (403) and nothing
/// is saved.
/// </summary>
public static class WriteScope
{
    public static async Task EnsureAsync(HousingDbContext db, Caller caller, IReadOnlyList<EntityEntry<Entity>> changes,
        CancellationToken ct)
    {
        if (caller.IsSystem || changes.Count == 0) return;
        if (caller.Role is null) Deny("Ingen adgang.", "No access.");
        var facilityMunicipality = await MunicipalitiesOfFacilities(db, changes, ct);

        foreach (var change in changes)
        {
            var officerOf = caller.Is(Role.HousingOfficer) ? caller.MunicipalityId : null;
            var staffAt = caller.Is(Role.ShelterStaff) ? caller.FacilityIds : [];
            bool InMyMunicipality(int facilityId) => officerOf is not null
                && facilityMunicipality.GetValueOrDefault(facilityId) == officerOf;
            bool AtMyFacility(int facilityId) => staffAt.Contains(facilityId);
            var administratorOf = caller.Is(Role.Administrator) ? caller.MunicipalityId : null;
            if (change.Entity is Municipality && change.State != EntityState.Modified)
                Deny("Kommuner oprettes og fjernes af systemet (kommandoen `municipality`), ikke gennem API'et.",
                    "Municipalities are created and removed by the system (the `municipality` command), not through the API.");
            if (change.State == EntityState.Modified
                && AccessPolicy.MayNotChange(caller, change.Entity.GetType()).FirstOrDefault(p => change.Property(p)
                    .IsModified) is { } kept)
                Deny("Din rolle må ikke ændre dette felt; det gør kommunens administrator.",
                    $"{caller.Role} may not change {kept} of {change.Entity.GetType().Name} {IdText(change)}; the administrator does.");
            var allowed = change.Entity switch
            {
                // An administrator keeps their own municipality's catalogue; the code, its identity in every token, never changes.
                Municipality m => administratorOf == m.Id,
                Facility f => administratorOf == f.MunicipalityId,
                // A municipality's youth policy is its administrator's to record.
                YouthPolicy y => administratorOf == y.MunicipalityId,
                Unit u => administratorOf is not null && facilityMunicipality.GetValueOrDefault(u.FacilityId) == administratorOf
                          || change.State == EntityState.Modified && AtMyFacility(u.FacilityId)
                          // Extra beds' unit is opened and closed with its period (below).
                          || u.IsExtra && (AtMyFacility(u.FacilityId) || InMyMunicipality(u.FacilityId)),
                // Extra beds: the place's staff, the officers of the municipality that runs it, and its administrator.
                ExtraBeds e => AtMyFacility(e.FacilityId) || InMyMunicipality(e.FacilityId)
                               || administratorOf is not null && facilityMunicipality.GetValueOrDefault(e.FacilityId) == administratorOf,
                CapacityReport r => AtMyFacility(r.FacilityId)
                                    || administratorOf is not null
                                        && facilityMunicipality.GetValueOrDefault(r.FacilityId) == administratorOf,
                // Officers register and correct the persons their municipality is responsible for, and those without a known
                // handlekommune they can see; staff register whom they check in and may complete the record of someone they
                // took in without a CPR number.
                Person p => officerOf is not null && (officerOf == p.MunicipalityId
                                || Original<int?>(change, nameof(Person.MunicipalityId)) is null && await VisibleAsync(db, p, ct))
                            || caller.Is(Role.ShelterStaff) && (change.State == EntityState.Added
                                || Original<string?>(change, nameof(Person.Cpr)) is null && await VisibleAsync(db, p, ct)),
                Placement p => AtMyFacility(p.FacilityId) || InMyMunicipality(p.FacilityId)
                               || officerOf is not null && ResponsibleMunicipality(change, p) == officerOf,
                Turnaway t => AtMyFacility(t.FacilityId) || InMyMunicipality(t.FacilityId),
                // A support period goes with its placement (it is written only by the placement's actions).
                SupportPeriod s => s.Placement is { } sp && (AtMyFacility(sp.FacilityId) || InMyMunicipality(sp.FacilityId)
                    || officerOf is not null && sp.ResponsibleMunicipalityId == officerOf),
                // A bed may be held anywhere by an officer (a §110 bed elsewhere is still a bed); staff hold their own.
                BedHold h => officerOf is not null || AtMyFacility(h.FacilityId),
                // A stay known from a notice is recorded by the municipality that received the notice.
                NoticedStay n => officerOf is not null && officerOf == n.RecordingMunicipalityId,
                // Officers work their municipality's transitions; its staff may record one (a release or discharge they hear of).
                Transition t => officerOf == t.MunicipalityId
                                || caller.Is(Role.ShelterStaff) && change.State == EntityState.Added
                                    && caller.MunicipalityId == t.MunicipalityId,
                Waitlist w => officerOf == w.MunicipalityId,
                WaitlistEntry e => officerOf is not null && await MunicipalityOfWaitlist(db, e.WaitlistId, ct) == officerOf,
                Offer o => officerOf is not null && await MunicipalityOfEntry(db, o.WaitlistEntryId, ct) == officerOf,
                // A record without a rule here is a forgotten step of the recipe, not a refusal: WriteScopeTests fails for it.
                _ => throw new InvalidOperationException($"WriteScope has no rule for {change.Entity.GetType().Name}."),
            };
            if (!allowed)
                Deny("Du må ikke ændre dette: det hører til en anden kommune eller et andet tilbud end dit.",
                    $"{caller.Role} {caller.MunicipalityCode} may not change {change.Entity.GetType().Name} {IdText(change)}: it is " +
                        "outside the role's municipality or facilities.");
        }
    }

    private static string IdText(EntityEntry<Entity> change) => change.State == EntityState.Added ? "(ny/new)"
        : change.Entity.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Dictionary<int, int>> MunicipalitiesOfFacilities(HousingDbContext db,
        IEnumerable<EntityEntry<Entity>> changes, CancellationToken ct)
    {
        var ids = changes.Select(c => c.Entity switch
        {
            Placement p => p.FacilityId,
            Turnaway t => t.FacilityId,
            Unit u => u.FacilityId,
            ExtraBeds e => e.FacilityId,
            CapacityReport r => r.FacilityId,
            SupportPeriod s => s.Placement?.FacilityId ?? 0,
            _ => 0,
        }).Where(id => id > 0).Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Unscoped<Facility>().Where(f => ids.Contains(f.Id)).ToDictionaryAsync(f => f.Id,
            f => f.MunicipalityId, ct);
    }

    /// <summary>The handlekommune of the stay before this change (a changed one must have been the caller's to change).</summary>
    private static int? ResponsibleMunicipality(EntityEntry<Entity> change, Placement placement) =>
        change.State == EntityState.Added ? placement.ResponsibleMunicipalityId
            : Original<int?>(change, nameof(Placement.ResponsibleMunicipalityId));

    private static T? Original<T>(EntityEntry<Entity> change, string property) =>
        change.State == EntityState.Added ? default : (T?)change.Property(property).OriginalValue;

    private static Task<bool> VisibleAsync(HousingDbContext db, Person person, CancellationToken ct) =>
        person.Id > 0 ? db.Persons.AnyAsync(p => p.Id == person.Id, ct) : Task.FromResult(false);

    private static Task<int?> MunicipalityOfWaitlist(HousingDbContext db, int waitlistId, CancellationToken ct) =>
        db.Unscoped<Waitlist>().Where(w => w.Id == waitlistId).Select(w => (int?)w.MunicipalityId).SingleOrDefaultAsync(ct);

    private static Task<int?> MunicipalityOfEntry(HousingDbContext db, int entryId, CancellationToken ct) =>
        db.Unscoped<WaitlistEntry>().Where(e => e.Id == entryId).Select(e => (int?)e.Waitlist!.MunicipalityId).SingleOrDefaultAsync(ct);

    private static void Deny(string da, string en) => throw new AccessDeniedException(da, en);
}
