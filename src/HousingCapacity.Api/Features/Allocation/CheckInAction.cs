using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// <c>POST /odata/Placements/HousingCapacity.CheckIn</c> with <c>{"cpr": "DDMMYY-SSSS", "facilityId": …}</c> (or
/// <c>unitId</c>, and the allocation's other terms): the check-in of someone standing at the door of one of the caller's own
/// places, whoever is responsible for them. A person outside the caller's scope (from another municipality, say) can be
/// named by a write only this way: the CPR number they give is matched to the record, the identification is logged with
/// the request's purpose (kept even when the rules then refuse the stay), and only then do the placement rules run.
/// POST /odata/Placements with a PersonId stays limited to persons the caller can already see. The door and the person are
/// established first, outside any write; the stay is then placed on the allocation's own two-step path
/// (<see cref="PlacementAllocation.PlaceAsync"/>): the rules on committed data, the insert under the facility's and the
/// person's lock, so that a check-in waits for no other place's allocations.
/// </summary>
public sealed class CheckInAction(PlacementAllocation allocation, CprLookups lookups)
{
    /// <summary>The refusal of a CPR number nobody has (404): the page then asks for a name to register the person with.</summary>
    public const string PersonNotFound = "PersonNotFound";
    /// <summary>The refusal of an alias someone without a CPR number has used here before (409): the page asks who it is.</summary>
    public const string KnownWithoutCprAtPlace = "KnownWithoutCprAtPlace";

    /// <summary>
    /// The check-in, saved; <paramref name="atTheDoor"/> is the person the caller has already identified by the CPR number given,
    /// or registered at the door (added, not yet saved: the staff's page, a CPR number nobody has yet, with a name), placed without
    /// looking the number up again and saved with the stay.
    /// </summary>
    public async Task<Outcome<Placement>> InvokeAsync(HousingDbContext db, CheckInCommand p, WriteContext c, Person? atTheDoor = null)
    {
        var ct = c.Cancellation;
        var caller = db.Scope.Current;
        var (unitId, facilityId) = (p.UnitId, p.FacilityId);
        if (unitId is null && facilityId is null)
            return Refusal.Missing("facilityId", "Angiv unitId eller facilityId.", "Give unitId or facilityId.");

        // The door first: it must be one of the caller's own places, or presence there proves nothing to this caller.
        // (A unit the caller can see belongs to a facility the caller can see.)
        var door = unitId is { } u
            ? (await db.FindUnscopedAsync<Facility>((await References.VisibleAsync<Unit>(db, u, "unitId", ct)).FacilityId, ct))!
            : await References.VisibleAsync<Facility>(db, facilityId!.Value, "facilityId", ct);
        if (OwnPlaceRefusal(caller, door) is { } notOwn) return notOwn;

        if (atTheDoor is not null)
            return db.Entry(atTheDoor).State == EntityState.Added
                ? await allocation.PlaceAsync(db, Request(p, 0, c), c, atTheDoor)
                : await PlaceIdentifiedAsync(db, p, atTheDoor, c);
        if (p.PersonId is { } known) return await PlaceKnownWithoutCprAsync(db, p, known, door, c);
        if (p.Cpr is null) return await CheckInWithoutCprAsync(db, p, door, c);

        if (p.Alias is not null || p.BirthYear is not null || p.EstimatedAge is not null)
            return Refusal.Invalid("CprOrAlias", "Angiv enten CPR-nummer eller alias med fødselsår/anslået alder, ikke begge.",
                "Give either a CPR number or an alias with a birth year or estimated age, not both.", "alias");
        // The identification is logged with the request's purpose and kept even when the rules then refuse the stay (CprLookups).
        var person = (await lookups.FindAsync(db, CprNumber.Parse(p.Cpr), CprLookups.Identify, ct)).SingleOrDefault();
        if (person is null)
            return new Refusal(RefusalKind.NotFound, PersonNotFound,
                "Ingen person har dette CPR-nummer. Registrér personen først, " +
                "eller indskriv uden CPR-nummer (alias, køn og fødselsår eller anslået alder).",
                "No person has this CPR number. Register the person first (POST /odata/Persons), " +
                "or check in without a CPR number (alias, gender and birth year or estimated age).",
                "cpr");
        return await PlaceIdentifiedAsync(db, p, person, c);
    }

    /// <summary>The door must be one of the caller's own places (staff: their facilities; officers: their municipality's).</summary>
    public static Refusal? OwnPlaceRefusal(Caller caller, Facility door)
    {
        var ownPlace = caller.IsSystem || caller.Is(Role.ShelterStaff) && caller.FacilityIds.Contains(door.Id)
                       || caller.Is(Role.HousingOfficer) && caller.MunicipalityId == door.MunicipalityId;
        return ownPlace ? null : Refusal.Forbidden(
                $"{caller.Role} {caller.MunicipalityCode} kan kun indskrive ved egne tilbud (tilbud {door.Id} er ikke et af dem).",
                $"{caller.Role} {caller.MunicipalityCode} may check people in only at their own places " +
                $"(facility {door.Id} is not one of them).");
    }

    /// <summary>
    /// Someone without a CPR number who has stayed at this place before, picked by staff (<see cref="KnownWithoutCprFunction"/>):
    /// the same record, so their counting year and history go on. A person not known at this place without a CPR number is
    /// refused (422): a record of anyone else cannot be named this way.
    /// </summary>
    private async Task<Outcome<Placement>> PlaceKnownWithoutCprAsync(HousingDbContext db, CheckInCommand p, int personId, Facility door,
        WriteContext c)
    {
        if (p.Cpr is not null || p.Alias is not null || p.NewPerson)
            return Refusal.Invalid("KnownPersonOrNew",
                "Angiv enten en kendt person (personId) eller en ny person (CPR-nummer eller alias), ikke begge.",
                "Give either a known person (personId) or a new one (a CPR number or an alias), not both.", "personId");
        var person = await db.Unscoped<Person>().SingleOrDefaultAsync(x => x.Id == personId, c.Cancellation);
        if (person?.MergedIntoId is { } merged) person = await db.FindUnscopedAsync<Person>(merged, c.Cancellation);
        var known = person is { Cpr: null } && await db.Unscoped<Placement>()
            .AnyAsync(s => s.PersonId == person.Id && s.FacilityId == door.Id, c.Cancellation);
        if (!known)
            return Refusal.Rule("NotKnownAtThisPlace",
                $"Personen er ikke en person uden CPR-nummer, der har boet på {door.Name} før. Indskriv med CPR-nummer, eller " +
                "opret en ny " +
                "person med alias.",
                $"The person is not someone without a CPR number who has stayed at {door.Name} before. Check in by CPR number, or " +
                "register a new person by alias.", "personId");
        return await PlaceIdentifiedAsync(db, p, person!, c);
    }

    /// <summary>The person identified by their CPR number is placed (a record merged into another is that other person now).</summary>
    private async Task<Outcome<Placement>> PlaceIdentifiedAsync(HousingDbContext db, CheckInCommand p, Person person, WriteContext c)
    {
        if (person.MergedIntoId is { } merged) person = (await db.FindUnscopedAsync<Person>(merged, c.Cancellation))!;
        return await allocation.PlaceAsync(db, Request(p, person.Id, c), c, person);
    }

    /// <summary>
    /// Someone without a CPR number (or who will not give it) is registered at the door with an alias, gender and a birth year
    /// or an estimated age, and saved with the stay: a refusal leaves no person behind. The handlekommune is unknown
    /// until an officer sets it. Such a record can get a CPR number later (AddCpr) or be merged into another (MergeInto).
    /// </summary>
    private async Task<Outcome<Placement>> CheckInWithoutCprAsync(HousingDbContext db, CheckInCommand p, Facility door, WriteContext c)
    {
        if (p.Alias is null)
            return Refusal.Invalid("MissingParameter",
                "Angiv cpr, eller alias, gender og birthYear eller estimatedAge for en person uden CPR-nummer.",
                "Give cpr, or alias, gender and birthYear or estimatedAge for a person without a CPR number.", "cpr");
        if (p.Gender is null)
            return Refusal.Missing("gender", "Parameteren gender skal angives for en person uden CPR-nummer.",
                "The parameter gender is required for a person without a CPR number.");
        // Someone with this alias and gender has stayed here before: a new record only when staff say so, or the returning
        // person's history (their counting year, their readmissions) would split in two.
        if (!p.NewPerson)
        {
            var alias = KnownWithoutCprFunction.Normalised(p.Alias);
            var same = (await KnownWithoutCprFunction.AtAsync(db, door, p.Alias, c.Cancellation))
                .Count(k => k.Gender == p.Gender && KnownWithoutCprFunction.Normalised(k.Alias) == alias);
            if (same > 0)
                return Refusal.Conflict(KnownWithoutCprAtPlace,
                    $"{(same == 1 ? "En person" : $"{same} personer")} uden CPR-nummer med aliasset \"{p.Alias.Trim()}\" har boet på " +
                    $"{door.Name} før. Vælg personen, så historikken bevares, eller opret en ny person.",
                    $"{same} person(s) without a CPR number with the alias \"{p.Alias.Trim()}\" have stayed at {door.Name} before. " +
                    "Pick the person (personId, from Persons/KnownWithoutCpr), or confirm a new one (newPerson: true).",
                    "alias");
        }
        // An officer checks in at their own municipality's places, and registers the person there, as RegisterWithoutCpr does (they
        // could not see a person of nobody's otherwise); staff leave the handlekommune unknown until an officer sets it.
        var caller = db.Scope.Current;
        var municipality = caller.Is(Role.HousingOfficer) ? caller.MunicipalityId : null;
        var person = Person.WithoutCpr(p.Alias, p.Gender.Value, p.BirthYear, p.EstimatedAge, DanishTime.Today(c.Clock), municipality);
        return await allocation.PlaceAsync(db, Request(p, 0, c), c, person);
    }

    /// <summary>The stay begins tonight, as shelters count nights: a check-in at 00:30 is the night that began the evening
    /// before.</summary>
    private AllocationRequest Request(CheckInCommand p, int personId, WriteContext c) => new(personId, p.UnitId, p.FacilityId,
        p.StartDate?.ToLocalDate() ?? allocation.Tonight(c.Clock), p.EndDate?.ToLocalDate(), p.SupportMethod ?? SupportMethod.None,
        p.ExceptionJustification, p.ReferralRoute, p.PriorResidence, p.StayType);
}
