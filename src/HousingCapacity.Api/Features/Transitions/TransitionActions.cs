namespace HousingCapacity.Api.Features.Transitions;

/// <summary>
/// The work on a transition that the API (<see cref="TransitionsController"/>) and the officers' pages both do, declared once: secure
/// the place with a record of the same person that gives them a bed on the night they lose their roof, record that they declined,
/// and mark lapsed those whose date has passed without a place.
/// </summary>
public static class TransitionActions
{
    public static async Task<Outcome<Transition>> SecureAsync(HousingDbContext db, Transition t, SecureTransitionCommand command,
        LocalDate today, CancellationToken ct)
    {
        var night = t.LosesRoofOn;
        if (command.PlacementId is { } placementId)
        {
            var stay = await db.Placements.SingleOrDefaultAsync(p => p.Id == placementId, ct);
            if (stay is null || stay.PersonId != t.PersonId)
                return Refusal.Invalid("NotThePersonsStay", "Opholdet er ikke personens.", "The stay is not the person's.", "placementId");
            if (stay.StartDate > night || stay.EndDate <= night)
                return Refusal.Rule("StayMissesTheNight",
                    $"Opholdet giver ikke personen en seng natten til {Shared.Words.Date(night)}.",
                    $"The stay does not give the person a bed on the night of {night:yyyy-MM-dd}.", "placementId");
        }
        if (command.BedHoldId is { } holdId)
        {
            var hold = await db.BedHolds.SingleOrDefaultAsync(h => h.Id == holdId, ct);
            if (hold is null || hold.PersonId != t.PersonId)
                return Refusal.Invalid("NotThePersonsHold", "Reservationen er ikke til personen.", "The hold is not for the person.",
                    "bedHoldId");
            if (hold.Night != night)
                return Refusal.Rule("HoldMissesTheNight", "Sengen er reserveret til en anden nat.", "The bed is held for another night.",
                    "bedHoldId");
        }
        if (command.OfferId is { } offerId)
        {
            var offer = await db.Offers.Include(o => o.Entry).SingleOrDefaultAsync(o => o.Id == offerId, ct);
            if (offer is null || offer.Entry!.PersonId != t.PersonId)
                return Refusal.Invalid("NotThePersonsOffer", "Tilbuddet er ikke til personen.", "The offer is not to the person.",
                    "offerId");
            if (offer.Status is not (OfferStatus.Pending or OfferStatus.Accepted))
                return Refusal.Rule("OfferNotStanding", "Tilbuddet er afslået eller udløbet.", "The offer was declined or has expired.",
                    "offerId");
        }
        t.Secure(command.PlacementId, command.BedHoldId, command.OfferId, today);
        return t;
    }

    /// <summary>
    /// The one step from the worklist: the person's open transition for this night is secured by the stay or bed just made for it
    /// (null when there is none, or when what was made does not cover the night).
    /// </summary>
    public static async Task<Transition?> SecureForNightAsync(HousingDbContext db, int personId, LocalDate night,
        SecureTransitionCommand command, LocalDate today, CancellationToken ct)
    {
        var date = night.ToDateOnly();
        var open = await db.Transitions.FirstOrDefaultAsync(t => t.PersonId == personId && t.Status == TransitionStatus.Open
            && t.LosesRoofOn == date, ct);
        return open is not null && (await SecureAsync(db, open, command, today, ct)).Refusal is null ? open : null;
    }

    /// <summary>The worklist as the API and the page read it: lapses what is due (in its own write), then the open ones by date.</summary>
    public static async Task<IQueryable<Transition>> WorklistAsync(HousingDbContext db, LocalDate today, CancellationToken ct)
    {
        var date = today.ToDateOnly();
        if (await db.Transitions.AnyAsync(t => t.Status == TransitionStatus.Open && t.LosesRoofOn < date, ct))
            await db.WriteAsync(async () => await LapseDueAsync(db, today, ct), ct);
        return db.Transitions.Where(t => t.Status == TransitionStatus.Open).OrderBy(t => t.LosesRoofOn).ThenBy(t => t.Id);
    }

    /// <summary>Open transitions whose date has passed without a place become lapsed; how many.</summary>
    public static async Task<int> LapseDueAsync(HousingDbContext db, LocalDate today, CancellationToken ct)
    {
        var date = today.ToDateOnly();
        var due = await db.Transitions.Where(t => t.Status == TransitionStatus.Open && t.LosesRoofOn < date).ToListAsync(ct);
        return due.Count(t => t.LapseIfDue(today));
    }
}
