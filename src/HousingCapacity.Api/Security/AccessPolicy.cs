namespace HousingCapacity.Api.Security;

/// <summary>
/// What each role may use at all: which entity sets it may read and write, which actions and functions it may call, which
/// reports it may fetch. Which records within a set a caller sees is decided by the database context's query filters
/// (HousingDbContext.ScopeFilters) and which records it may change by <see cref="WriteScope"/>; this table only answers
/// "may this role touch this kind of thing", so that a forbidden request gets a clear 403 instead of an empty answer.
/// </summary>
public static class AccessPolicy
{
    private static readonly Role[] Officer = [Role.HousingOfficer];
    private static readonly Role[] OfficerAndStaff = [Role.HousingOfficer, Role.ShelterStaff];
    private static readonly Role[] Everyone = [Role.HousingOfficer, Role.ShelterStaff, Role.Committee, Role.Administrator];

    /// <summary>Entity sets each role may read (including through navigation, $expand and $filter paths).</summary>
    public static readonly IReadOnlyDictionary<string, Role[]> Read = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        // The catalogue is public knowledge within the municipality's organisation.
        ["Municipalities"] = Everyone,
        ["Facilities"] = Everyone,
        ["Units"] = Everyone,
        // Extra beds opened for cold nights: capacity, like the units themselves.
        ["ExtraBeds"] = Everyone,
        // A municipality's youth policy is a published policy: refusals, pages and the report cite it.
        ["YouthPolicies"] = Everyone,
        ["CapacityReports"] = OfficerAndStaff,
        // Person-level data: never for Committee or Administrator.
        ["Persons"] = OfficerAndStaff,
        ["Placements"] = OfficerAndStaff,
        ["Turnaways"] = OfficerAndStaff,
        ["BedHolds"] = OfficerAndStaff,
        ["SupportPeriods"] = OfficerAndStaff,
        // §110 stays elsewhere known from a notice to the handlekommune: its officers' record.
        ["NoticedStays"] = Officer,
        // Known dates of losing a roof: the officers of the person's municipality work them.
        ["Transitions"] = Officer,
        ["Waitlists"] = Officer,
        ["WaitlistEntries"] = Officer,
        ["Offers"] = Officer,
    };

    /// <summary>Entity sets each role may create, change or delete records in (POST, PATCH, PUT, DELETE).</summary>
    public static readonly IReadOnlyDictionary<string, Role[]> Write = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        ["Municipalities"] = [Role.Administrator],
        ["Facilities"] = [Role.Administrator],
        ["YouthPolicies"] = [Role.Administrator],
        // Staff put their own units in and out of service.
        ["Units"] = [Role.Administrator, Role.ShelterStaff],
        ["CapacityReports"] = [Role.ShelterStaff],
        // The place's staff, the officers of the municipality that runs it, and its administrator open extra beds.
        ["ExtraBeds"] = [Role.Administrator, Role.HousingOfficer, Role.ShelterStaff],
        // Staff register the person they check in.
        ["Persons"] = OfficerAndStaff,
        ["Placements"] = OfficerAndStaff,
        ["Turnaways"] = OfficerAndStaff,
        ["BedHolds"] = OfficerAndStaff,
        // Support periods are written only through ExtendSupport and ChangeSupportMethod.
        ["SupportPeriods"] = [],
        ["NoticedStays"] = Officer,
        // Staff may record a transition they hear of; the officers work it.
        ["Transitions"] = OfficerAndStaff,
        ["Waitlists"] = Officer,
        ["WaitlistEntries"] = Officer,
        ["Offers"] = [],
    };

    /// <summary>Bound actions and functions by "EntitySet/Name".</summary>
    public static readonly IReadOnlyDictionary<string, Role[]> Operations = new Dictionary<string, Role[]>(StringComparer.Ordinal)
    {
        // Check-in by CPR number at the door of the caller's own place (the presence rule).
        ["Placements/CheckIn"] = OfficerAndStaff,
        ["Placements/Discharge"] = OfficerAndStaff,
        // The place admits or refuses a municipality's referral (who acts as the place: Decisions).
        ["Placements/Admit"] = OfficerAndStaff,
        ["Placements/RefuseAdmission"] = OfficerAndStaff,
        ["Placements/MarkNotified"] = OfficerAndStaff,
        ["Placements/RenewSupport"] = Officer,
        ["Placements/ExtendSupport"] = Officer,
        ["Placements/ChangeSupportMethod"] = Officer,
        // The handlekommune is the officers' to settle (retssikkerhedsloven §§ 9–9 b).
        ["Placements/ChangeResponsibleMunicipality"] = Officer,
        // A stay entered in error is cancelled by an officer, with a reason (staff discharge; they do not erase).
        ["Placements/Cancel"] = Officer,
        // §176 a: the municipality's decisions and its refusion claim are the officers'.
        ["Placements/RecordHousingSupportAfterSection107"] = Officer,
        ["Placements/RefusionPeriods"] = Officer,
        ["Placements/OpenYouthExceptions"] = Officer,
        // A data-quality list for the officers who correct it.
        ["Placements/MinorsAtAdultPlaces"] = Officer,
        // Staff may complete the record of someone they took in without a CPR number; merging records is the officers'.
        ["Persons/AddCpr"] = OfficerAndStaff,
        ["Persons/RegisterWithoutCpr"] = OfficerAndStaff,
        ["Persons/UpdateAge"] = OfficerAndStaff,
        ["Persons/MergeInto"] = Officer,
        ["Persons/CountingYear"] = OfficerAndStaff,
        // Transitions are the officers' to work (staff may record one, but the worklist and its outcome are the municipality's).
        ["Transitions/Secure"] = Officer,
        ["Transitions/Decline"] = Officer,
        ["Transitions/Worklist"] = Officer,
        ["ExtraBeds/Close"] = [Role.Administrator, Role.HousingOfficer, Role.ShelterStaff],
        ["Waitlists/OfferNext"] = Officer,
        ["Offers/Accept"] = Officer,
        ["Offers/Decline"] = Officer,
        ["Facilities/Availability"] = OfficerAndStaff,
        ["Persons/EligiblePlaces"] = OfficerAndStaff,
        ["Placements/LongStays"] = OfficerAndStaff,
        ["Persons/FindByCpr"] = OfficerAndStaff,
        // People without a CPR number known at the caller's own place, picked at a check-in.
        ["Persons/KnownWithoutCpr"] = OfficerAndStaff,
        ["Persons/AccessLog"] = Officer,
    };

    /// <summary>
    /// The role × property matrix of changes: for a kind of record listed here, the properties each role that may write it may
    /// change (a role not named may change none of them). Kinds not listed: every property their writer allows, for every role
    /// that may write the set. Checked on every save (<see cref="WriteScope"/>), whichever endpoint or page made the change.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<Role, string[]>> Changes =
        new Dictionary<Type, IReadOnlyDictionary<Role, string[]>>
    {
        [typeof(Unit)] = new Dictionary<Role, string[]>
        {
            [Role.Administrator] = [nameof(Unit.Label), nameof(Unit.Beds), nameof(Unit.Status)],
            // Staff take their own units in and out of service; beds, labels and the catalogue are the administrator's (issue 23).
            [Role.ShelterStaff] = [nameof(Unit.Status)],
        },
    };

    /// <summary>The properties of this kind of record that some role may change and this caller may not.</summary>
    public static IEnumerable<string> MayNotChange(Caller caller, Type record) =>
        caller.IsSystem || !Changes.TryGetValue(record, out var byRole) ? []
            : byRole.Values.SelectMany(p => p).Distinct().Except(caller.Role is { } role ? byRole.GetValueOrDefault(role, []) : []);

    /// <summary>Monthly reports: the committee and the housing officers of that municipality.</summary>
    public static readonly Role[] Reports = [Role.Committee, Role.HousingOfficer];

    /// <summary>Danmarks Statistik's quarterly §110 file of all a municipality's boformer carries CPR numbers: the housing officers
    /// of the municipality only.</summary>
    public static readonly Role[] DstExport = [Role.HousingOfficer];

    /// <summary>A boform's own quarterly file for Danmarks Statistik (the boform reports it): the place's staff and the officers of
    /// the municipality that runs it (DstExport.MayFetch).</summary>
    public static readonly Role[] DstFile = [Role.ShelterStaff, Role.HousingOfficer];

    /// <summary>The capacity import is the shelters' nightly count: staff for their places, and the municipality's administrator
    /// for its places (a file gathered from several shelters, on the administration page).</summary>
    public static readonly Role[] CapacityImport = [Role.ShelterStaff, Role.Administrator];

    /// <summary>Who may see CPR numbers in clear text (with $select=Cpr) and filter by them.</summary>
    public static bool MaySeeCpr(Caller caller) => caller.IsSystem || caller.Is(Role.HousingOfficer);

    /// <summary>A report or export of one municipality: the role must be allowed, and the token's municipality be that one.</summary>
    public static void EnsureMayFetchOf(Caller caller, Role[] allowed, int municipalityCode, string whatDa, string whatEn,
        string ofWhatDa, string ofWhatEn)
    {
        Ensure(caller, allowed, whatDa, whatEn);
        if (caller.MunicipalityCode != municipalityCode)
            throw new AccessDeniedException(
                $"Tokenet giver adgang til kommune {caller.MunicipalityCode}'s {ofWhatDa}, ikke {municipalityCode}'s.",
                $"The token gives access to {ofWhatEn} of municipality {caller.MunicipalityCode}, not {municipalityCode}.");
    }

    public static void EnsureMayRead(Caller caller, string entitySet) =>
        Ensure(caller, Read.GetValueOrDefault(entitySet, []), $"læse {entitySet}", $"read {entitySet}");

    public static void EnsureMayWrite(Caller caller, string entitySet) =>
        Ensure(caller, Write.GetValueOrDefault(entitySet, []), $"ændre i {entitySet}", $"change {entitySet}");

    public static void EnsureMayCall(Caller caller, string entitySet, string operation) =>
        Ensure(caller, Operations.GetValueOrDefault($"{entitySet}/{operation}", []), $"kalde {operation}", $"call {operation}");

    public static void Ensure(Caller caller, Role[] allowed, string whatDa, string whatEn)
    {
        if (caller.IsSystem || caller.Role is { } role && allowed.Contains(role)) return;
        var who = caller.Role?.ToString() ?? "?";
        throw new AccessDeniedException($"Rollen {who} må ikke {whatDa}.", $"The role {who} may not {whatEn}.");
    }
}
