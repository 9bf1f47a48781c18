namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Who decides at a place (Serviceloven §110 stk. 4: "Afgørelse om optagelse og udskrivning træffes af boformens leder"): the
/// place's staff, and the officers of the municipality that runs it, act as the place; an officer of any other municipality
/// acts as that municipality (a referral; a discharge only on the conditions of stk. 5).
/// </summary>
public static class Decisions
{
    public static DecisionCapacity CapacityOf(Caller caller, int facilityId, int facilityMunicipalityId) =>
        caller.IsSystem || caller.Is(Role.ShelterStaff) && caller.FacilityIds.Contains(facilityId)
                        || caller.Is(Role.HousingOfficer) && caller.MunicipalityId == facilityMunicipalityId
            ? DecisionCapacity.Place
            : DecisionCapacity.Municipality;

    /// <summary>The capacity in which the caller decides about a stay at its place.</summary>
    public static async Task<DecisionCapacity> CapacityAtAsync(HousingDbContext db, Placement stay, CancellationToken ct)
    {
        var municipality = await db.Unscoped<Facility>().Where(f => f.Id == stay.FacilityId).Select(f => f.MunicipalityId).SingleAsync(ct);
        return CapacityOf(db.Scope.Current, stay.FacilityId, municipality);
    }

    /// <summary>
    /// Klagevejledning for a decision of a §110 place: admission refused, or a discharge (bortvisning included). A complaint goes to
    /// the place within 4 weeks; its leader reconsiders, and if the decision stands the complaint goes on to Ankestyrelsen
    /// (serviceloven § 166; retssikkerhedsloven §§ 66–67). The Ombudsman held that every discharge, bortvisning for breaking the
    /// house rules included, is an "udskrivning" that can be appealed (FOB 2023-26). What L 130 (2024–25) changed was not confirmed.
    /// </summary>
    public static string ComplaintGuidanceDa(string placeName) =>
        $"Afgørelsen kan påklages. Klagen sendes til {placeName} inden 4 uger fra den dag, personen fik afgørelsen; den kan være " +
        "mundtlig eller skriftlig. Stedets leder vurderer afgørelsen igen, og fastholder lederen den, sendes klagen videre til " +
        "Ankestyrelsen. Det gælder også bortvisning.";
}
