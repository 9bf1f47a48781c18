using HousingCapacity.Api.Features.YouthPolicies;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// The place's decision on a municipality's referral to a §110 place (Serviceloven §110 stk. 4): admit, or refuse with a reason.
/// Only the place decides: its staff, or the officers of the municipality that runs it (<see cref="Decisions"/>).
/// </summary>
public sealed class Admissions(IOptions<PlacementPolicy> policyOptions)
{
    private PlacementPolicy Policy => policyOptions.Value;

    public async Task<Outcome<Placement>> AdmitAsync(HousingDbContext db, Placement stay, string? justification, WriteContext c)
    {
        var facility = (await db.FindUnscopedAsync<Facility>(stay.FacilityId, c.Cancellation))!;
        if (NotThePlacesDecision(db, facility) is { } notHers) return notHers;
        stay.EnsureAwaitsAdmission(); // before the youth rule: a decided stay is not decided again
        var person = (await db.FindUnscopedAsync<Person>(stay.PersonId, c.Cancellation))!;
        var start = stay.StartDate.ToLocalDate();
        var youth = await YouthRules.AtAsync(db, facility.MunicipalityId, start, Policy, c.Cancellation);
        var exception = youth.Covers(facility.LegalBasis, person.AgeOn(start), Policy);
        if (exception && (justification?.Trim().Length ?? 0) < Policy.MinJustificationLength)
            return Refusal.Rule("YouthInSection110",
                $"Unge mellem {youth.MinAge} og {youth.MaxAge} år optages som udgangspunkt ikke på et § 110-tilbud " +
                $"({youth.CitationDa}). " +
                $"Optager stedet alligevel, er det stedets undtagelse: skriv stedets begrundelse (mindst {Policy.MinJustificationLength} " +
                "tegn). Kommunens begrundelse for henvisningen står ved henvisningen.",
                $"People aged {youth.MinAge} to {youth.MaxAge} are as a rule not admitted to a §110 place; if the place admits " +
                "anyway it " +
                $"is the place's exception: give its justification (exceptionJustification, at least {Policy.MinJustificationLength} " +
                "characters). The municipality's reason stays with the referral.", "exceptionJustification");
        if (justification is not null) Privacy.EnsureNoCpr(justification, "exceptionJustification");
        stay.Admit(c.UserName, exception ? justification : null, exception ? youth.PolicyId : null);
        return stay;
    }

    /// <summary>The refusal (afslag) as a turnaway with its grounds; the referral leaves the stays (kept in the access log).</summary>
    public async Task<Outcome<Turnaway>> RefuseAsync(HousingDbContext db, Placement stay, TurnawayReason reason, string? explanation,
        WriteContext c)
    {
        var facility = (await db.FindUnscopedAsync<Facility>(stay.FacilityId, c.Cancellation))!;
        if (NotThePlacesDecision(db, facility) is { } notHers) return notHers;
        stay.EnsureAwaitsAdmission();
        var grounds = explanation?.Trim() ?? "";
        if (grounds.Length < PlacementCancellation.MinReasonLength)
            return Refusal.Invalid("ReasonRequired",
                $"Skriv begrundelsen for afslaget (mindst {PlacementCancellation.MinReasonLength} tegn): den er en del af afgørelsen.",
                $"Give the grounds of the refusal (at least {PlacementCancellation.MinReasonLength} characters): they are part of " +
                "the decision.",
                "explanation");
        Privacy.EnsureNoCpr(grounds, "explanation");
        var turnaway = new Turnaway(stay.FacilityId, stay.StartDate.ToLocalDate(), reason, stay.PersonId, grounds, c.UserName);
        db.Add(turnaway);
        // The grounds are long enough for a cancellation too: it cannot refuse them.
        var cancelled = await PlacementCancellation.CancelAsync(db, stay, $"Stedet afslog henvisningen: {grounds}", c);
        return cancelled ?? (Outcome<Turnaway>)turnaway;
    }

    private static Refusal? NotThePlacesDecision(HousingDbContext db, Facility facility) =>
        Decisions.CapacityOf(db.Scope.Current, facility.Id, facility.MunicipalityId) == DecisionCapacity.Place ? null
            : Refusal.Forbidden(
                $"Optagelse og afslag på {facility.Name} er stedets afgørelse (servicelovens § 110, stk. 4): stedets personale eller " +
                "sagsbehandlerne i den kommune, der driver det.",
                $"Admission and refusal at {facility.Name} are the place's decision (Serviceloven §110 stk. 4): its staff, or the " +
                "officers " +
                "of the municipality that runs it.");
}
