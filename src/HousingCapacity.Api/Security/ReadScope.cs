namespace HousingCapacity.Api.Security;

/// <summary>
/// Which records each kind of caller may read: the query filters of the model built for that kind of caller (one model per kind,
/// <see cref="CallerScope.ModelKind"/>). What it may change is <see cref="WriteScope"/>, beside it. The filters read the executing
/// context's caller (EF parameterises a reference to the context), so two callers of one kind share a model but not a scope.
/// </summary>
public static class ReadScope
{
    /// <summary>
    /// Which records each kind of caller sees (AccessPolicy says which sets it may use at all), in the model built for it: the
    /// system sees everything; a kind of caller a set is not for sees none of it. Filters reach through navigations, so a person
    /// hidden here is hidden in every $expand and any() too. Person ↔ Placement would be a cycle; the stay keeps its responsible
    /// municipality and its facility's, so that its filter needs no person and no join.
    /// </summary>
    public static void Apply(ModelBuilder b, HousingDbContext db)
    {
        var kind = CallerScope.ModelKind(db.Caller);
        if (kind == CallerScope.SystemModel) return;
        var officer = kind == nameof(Role.HousingOfficer);
        var staff = kind == nameof(Role.ShelterStaff);
        var catalogue = officer || kind is nameof(Role.Committee) or nameof(Role.Administrator);
        // Every role sees every municipality (the catalogue is public knowledge within the municipalities' organisation); nobody
        // without a role does.
        Filter<Municipality>(b, catalogue || staff ? null : m => false);
        Filter<YouthPolicy>(b, catalogue || staff ? null : y => false);
        Filter<Facility>(b, catalogue ? null : staff ? f => db.ScopeFacilityIds.Contains(f.Id) : f => false);
        Filter<Unit>(b, catalogue ? null : staff ? u => db.ScopeFacilityIds.Contains(u.FacilityId) : u => false);
        Filter<ExtraBeds>(b, catalogue ? null : staff ? e => db.ScopeFacilityIds.Contains(e.FacilityId) : e => false);
        Filter<CapacityReport>(b, officer ? null : staff ? r => db.ScopeFacilityIds.Contains(r.FacilityId) : r => false);
        Filter<Placement>(b, officer
            ? p => p.ResponsibleMunicipalityId == db.ScopeMunicipalityId || EF.Property<int?>(p,
                HousingDbContext.FacilityMunicipalityId) == db.ScopeMunicipalityId
            // Written as StayDates writes a stay's end, so that the index of a person's stays at a place by their end (schema 21)
            // answers "is this person one of the place's" without reading the place's past years. A literal, not EF.Constant,
            // which a query filter cannot hold; it is StayDates.OpenEnd (QueryPlanTests sees the index used).
            : staff ? p => db.ScopeFacilityIds.Contains(p.FacilityId)
                           && (p.EndDate ?? new DateOnly(9999, 12, 31)) >= db.ScopeRecentSince
            : p => false);
        // A person is visible where one of their stays is, and to the officers of the municipality responsible for them.
        Filter<Person>(b, officer ? p => p.MunicipalityId == db.ScopeMunicipalityId || p.Placements.Any()
            : staff ? p => p.Placements.Any() : p => false);
        Filter<Turnaway>(b, officer ? t => t.Facility!.MunicipalityId == db.ScopeMunicipalityId
            : staff ? t => db.ScopeFacilityIds.Contains(t.FacilityId) : t => false);
        // Officers hold beds anywhere (a §110 bed elsewhere is still a bed): they see anonymous holds everywhere, and holds
        // for a person at M's facilities or for M's own persons.
        Filter<BedHold>(b, officer
            ? h => h.PersonId == null || h.Facility!.MunicipalityId == db.ScopeMunicipalityId
                   || db.Persons.Any(p => p.Id == h.PersonId && p.MunicipalityId == db.ScopeMunicipalityId)
            : staff ? h => db.ScopeFacilityIds.Contains(h.FacilityId) : h => false);
        Filter<SupportPeriod>(b, officer
            ? s => s.Placement!.ResponsibleMunicipalityId == db.ScopeMunicipalityId
                   || EF.Property<int?>(s.Placement, HousingDbContext.FacilityMunicipalityId) == db.ScopeMunicipalityId
            : staff ? s => db.ScopeFacilityIds.Contains(s.Placement!.FacilityId) : s => false);
        // A stay known from a §110 stk. 6 notice is the receiving municipality's record: its officers see it.
        Filter<NoticedStay>(b, officer ? n => n.RecordingMunicipalityId == db.ScopeMunicipalityId : n => false);
        // A transition is worked by the officers of the person's municipality; staff record them but do not read them back.
        Filter<Transition>(b, officer ? t => t.MunicipalityId == db.ScopeMunicipalityId : t => false);
        Filter<Waitlist>(b, officer ? w => w.MunicipalityId == db.ScopeMunicipalityId : w => false);
        Filter<WaitlistEntry>(b, officer ? e => e.Waitlist!.MunicipalityId == db.ScopeMunicipalityId : e => false);
        Filter<Offer>(b, officer ? o => o.Entry!.Waitlist!.MunicipalityId == db.ScopeMunicipalityId : o => false);
        // Nobody reads the log through a scope: only the export function (for a person the caller may see) does, unscoped.
        Filter<AccessLogEntry>(b, e => false);
        Filter<AccessLogPerson>(b, e => false);
        Filter<AccessLogLine>(b, e => false);
    }

    private static void Filter<T>(ModelBuilder b, System.Linq.Expressions.Expression<Func<T, bool>>? filter) where T : class
    {
        if (filter is not null) b.Entity<T>().HasQueryFilter(filter);
    }
}
