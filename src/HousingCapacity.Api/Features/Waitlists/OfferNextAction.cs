using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.Features.Shared;
using HousingCapacity.Api.OData;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary><c>Waitlists({id})/HousingCapacity.OfferNext</c> with <c>{"unitId": …}</c>: offers the unit to the first eligible waiting
/// person.</summary>
public sealed class OfferNextAction(IOptions<WaitlistOptions> options, IOptions<PlacementPolicy> policy)
{

    public async Task<Outcome<Offer>> InvokeAsync(HousingDbContext db, Waitlist waitlist, int unitId, WriteContext c)
    {
        var ct = c.Cancellation;
        var today = DanishTime.Today(c.Clock);
        await OfferWorkflow.ExpireDueAsync(db, today, ct);
        await db.SaveChangesAsync(ct);

        var unit = await References.VisibleAsync<Unit>(db, unitId, "unitId", ct);
        var facility = (await db.FindUnscopedAsync<Facility>(unit.FacilityId, ct))!;
        if (facility.Kind != OfferWorkflow.FacilityKindOf(waitlist.Kind))
            return Refusal.Rule("UnitNotForWaitlist",
                $"Enheden hører til et tilbud af typen {facility.Kind}, ikke til denne venteliste ({waitlist.Kind}).",
                $"The unit belongs to a {facility.Kind} facility, not to this waitlist ({waitlist.Kind}).", "unitId");
        if (unit.Status == UnitStatus.OutOfService)
            return Refusal.Conflict("UnitOutOfService", $"{unit.Label} er ude af drift.", $"{unit.Label} is out of service.", "unitId");
        if (unit.IsExtra)
            return Refusal.Rule("UnitNotForWaitlist", $"{unit.Label} er ekstra senge for en periode og tilbydes ikke fra en venteliste.",
                $"{unit.Label} are extra beds for a period and are not offered from a waitlist.", "unitId");
        if (await db.Unscoped<Offer>().AnyAsync(o => o.UnitId == unit.Id && o.Status == OfferStatus.Pending, ct))
            return Refusal.Conflict("UnitAlreadyOffered", $"{unit.Label} er allerede tilbudt en anden.",
                $"{unit.Label} has already been offered to someone else.", "unitId");
        if (await PlacementAllocation.PeakOccupancyAsync(db, unit.Id, new DateRange(today, null), ct) >= unit.Beds)
            return Refusal.Conflict("UnitDoubleBooked", $"{unit.Label} er ikke ledig.", $"{unit.Label} is not vacant.", "unitId");

        // Someone who declined this very unit is not offered it again.
        var waiting = await db.Unscoped<WaitlistEntry>().Where(e => e.WaitlistId == waitlist.Id && e.Status == WaitlistEntryStatus.Waiting
            && !e.Offers.Any(o => o.UnitId == unit.Id && o.Status == OfferStatus.Declined)).Include(e => e.Person).ToListAsync(ct);
        var passedOver = new List<Refusal>();
        foreach (var entry in OfferWorkflow.InOrder(waiting))
        {
            var person = entry.Person!;
            var candidate = new PlacementCandidate(person, facility, unit, new DateRange(today, null), SupportMethod.ICM, null, 0, false,
                0);
            var ineligible = PlacementRule.Broken(candidate,
                policy.Value).Where(r => r is AgeRestrictedRule or GenderRestrictedRule or MinorAtAdultPlaceRule).ToList();
            if (ineligible.Count > 0)
            {
                entry.Flag($"{Words.Date(today)}: {string.Join(" ", ineligible.Select(r => r.MessageDa(candidate, policy.Value)))}");
                passedOver.AddRange(ineligible.Select(r => Refusal.Rule(r.Code,
                    $"Ventelisteplacering {entry.Id}: {r.MessageDa(candidate, policy.Value)}",
                        $"Waitlist entry {entry.Id}: {r.MessageEn(candidate, policy.Value)}", "WaitlistEntryId")));
                continue;
            }
            var offer = new Offer(entry.Id, unit.Id, today, policy.Value.WorkingDays().Add(today, options.Value.RespondWeekdays));
            entry.MarkOffered();
            db.Offers.Add(offer);
            return offer;
        }
        // Nothing is saved on a refusal; the details name every entry that was passed over, and why.
        return Refusal.Conflict("NoEligibleEntry", "Ingen på ventelisten kan tilbydes enheden.",
            "Nobody on the waitlist can be offered the unit.", "unitId") with
        {
            Details = passedOver.Count > 0 ? passedOver
                : [Refusal.Conflict("NoEligibleEntry", "Ingen venter på listen.", "Nobody is waiting on the list.")],
        };
    }
}
