using HousingCapacity.Api.Data;
using HousingCapacity.Api.Features.Allocation;
using HousingCapacity.Api.OData;
using HousingCapacity.Api.Security;
using HousingCapacity.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>Offer terms (appsettings.json, section "Waitlists").</summary>
public sealed class WaitlistOptions
{
    /// <summary>Weekdays a person has to answer an offer.</summary>
    public int RespondWeekdays { get; set; } = 5;
    /// <summary>Age band for joining a youth housing waitlist (ungeboliger are usually for 18–24-year-olds).</summary>
    public int YouthHousingMinAge { get; set; } = 18;
    public int YouthHousingMaxAge { get; set; } = 24;
    /// <summary>How often the background timer expires unanswered offers.</summary>
    public int ExpiryIntervalMinutes { get; set; } = 5;
}

/// <summary>
/// Waitlist order and offers. Order: Urgent before Normal, then earliest AppliedOn, then Id. Eligibility (the
/// facility's age band and gender) is checked again at offer time: someone who aged out while waiting is flagged and
/// passed over, not offered. A unit never has two pending offers (checked here, and by a unique index).
/// </summary>
public static class OfferWorkflow
{
    public static FacilityKind FacilityKindOf(WaitlistKind kind) => kind switch
    {
        WaitlistKind.YouthHousing => FacilityKind.YouthHousing,
        WaitlistKind.SkaevBolig => FacilityKind.SkaevBolig,
        _ => FacilityKind.HousingFirst,
    };

    public static IOrderedEnumerable<WaitlistEntry> InOrder(IEnumerable<WaitlistEntry> entries) =>
        entries.OrderByDescending(e => e.Priority == Priority.Urgent).ThenBy(e => e.AppliedOn).ThenBy(e => e.Id);

    /// <summary>
    /// Pending offers past RespondBy expire; their entries go back to Waiting with their place kept. Those the caller can see:
    /// an officer's request expires their municipality's, the background job everybody's.
    /// </summary>
    public static async Task<int> ExpireDueAsync(HousingDbContext db, LocalDate today, CancellationToken ct)
    {
        var date = today.ToDateOnly();
        var due = await db.Offers.Where(o => o.Status == OfferStatus.Pending && o.RespondBy < date).ToListAsync(ct);
        foreach (var offer in due)
        {
            offer.Expire();
            var entry = await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, ct);
            if (entry?.Status == WaitlistEntryStatus.Offered) entry.ReturnToWaiting();
        }
        return due.Count;
    }
}

/// <summary><c>Waitlists({id})/HousingCapacity.OfferNext</c> with <c>{"unitId": …}</c>: offers the unit to the first eligible waiting person.</summary>
public sealed class OfferNextAction(IOptions<WaitlistOptions> options, IOptions<PlacementPolicy> policy)
{

    public async Task<Offer> InvokeAsync(HousingDbContext db, Waitlist waitlist, int unitId, WriteContext c)
    {
        var ct = c.Cancellation;
        var today = DanishTime.Today(c.Clock);
        await OfferWorkflow.ExpireDueAsync(db, today, ct);
        await db.SaveChangesAsync(ct);

        var unit = await References.VisibleAsync<Unit>(db, unitId, "unitId", ct);
        var facility = (await db.FindUnscopedAsync<Facility>(unit.FacilityId, ct))!;
        if (facility.Kind != OfferWorkflow.FacilityKindOf(waitlist.Kind))
            throw new DomainRuleException("UnitNotForWaitlist", $"Enheden hører til et tilbud af typen {facility.Kind}, ikke til denne venteliste ({waitlist.Kind}).",
                $"The unit belongs to a {facility.Kind} facility, not to this waitlist ({waitlist.Kind}).", "unitId");
        if (unit.Status == UnitStatus.OutOfService)
            throw new ODataProblem(409, "UnitOutOfService", $"{unit.Label} er ude af drift.", $"{unit.Label} is out of service.", "unitId");
        if (await db.Unscoped<Offer>().AnyAsync(o => o.UnitId == unit.Id && o.Status == OfferStatus.Pending, ct))
            throw new ODataProblem(409, "UnitAlreadyOffered", $"{unit.Label} er allerede tilbudt en anden.", $"{unit.Label} has already been offered to someone else.", "unitId");
        if (await PlacementAllocation.PeakOccupancyAsync(db, unit.Id, new DateRange(today, null), ct) >= unit.Beds)
            throw new ODataProblem(409, "UnitDoubleBooked", $"{unit.Label} er ikke ledig.", $"{unit.Label} is not vacant.", "unitId");

        // Someone who declined this very unit is not offered it again.
        var waiting = await db.Unscoped<WaitlistEntry>().Where(e => e.WaitlistId == waitlist.Id && e.Status == WaitlistEntryStatus.Waiting
            && !e.Offers.Any(o => o.UnitId == unit.Id && o.Status == OfferStatus.Declined)).Include(e => e.Person).ToListAsync(ct);
        var passedOver = new List<ProblemDetail>();
        foreach (var entry in OfferWorkflow.InOrder(waiting))
        {
            var person = entry.Person!;
            var candidate = new PlacementCandidate(person, facility, unit, new DateRange(today, null), SupportMethod.ICM, null, 0, false, 0);
            var ineligible = PlacementRule.Broken(candidate, policy.Value).Where(r => r is AgeRestrictedRule or GenderRestrictedRule).ToList();
            if (ineligible.Count > 0)
            {
                entry.Flag($"{today:yyyy-MM-dd}: {string.Join(" ", ineligible.Select(r => r.MessageDa(candidate, policy.Value)))}");
                passedOver.AddRange(ineligible.Select(r => new ProblemDetail(r.Code,
                    $"Ventelisteplacering {entry.Id}: {r.MessageDa(candidate, policy.Value)}", $"Waitlist entry {entry.Id}: {r.MessageEn(candidate, policy.Value)}", "WaitlistEntryId")));
                continue;
            }
            var offer = new Offer(entry.Id, unit.Id, today, Weekdays.Add(today, options.Value.RespondWeekdays));
            entry.MarkOffered();
            db.Offers.Add(offer);
            return offer;
        }
        // Nothing is saved on a refusal; the details name every entry that was passed over, and why.
        throw new ODataProblem(409, "NoEligibleEntry", "Ingen på ventelisten kan tilbydes enheden.", "Nobody on the waitlist can be offered the unit.", "unitId",
            passedOver.Count > 0 ? passedOver : [new ProblemDetail("NoEligibleEntry", "Ingen venter på listen.", "Nobody is waiting on the list.")]);
    }
}

/// <summary><c>Offers({id})/HousingCapacity.Accept</c>: the placement is made through the same rules; the entry becomes Housed.</summary>
public sealed class AcceptOfferAction(PlacementAllocation allocation)
{

    public async Task<Placement> InvokeAsync(HousingDbContext db, Offer offer, SupportMethod? supportMethod, LocalDate? startDate, WriteContext c)
    {
        var today = DanishTime.Today(c.Clock);
        await OfferWorkflow.ExpireDueAsync(db, today, c.Cancellation);
        if (offer.Status == OfferStatus.Expired)
        {
            throw new ODataProblem(409, "OfferExpired", "Svarfristen er overskredet; tilbuddet er udløbet.", "The offer has expired: the response deadline has passed.");
        }
        var entry = (await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, c.Cancellation))!;
        // The offer is the caller's to answer, so its person is the one it was made to, seen or not.
        var person = (await db.FindUnscopedAsync<Person>(entry.PersonId, c.Cancellation))!;
        var placement = await allocation.AllocateAsync(db, new AllocationRequest(entry.PersonId, offer.UnitId, null,
            startDate ?? today, null, supportMethod ?? SupportMethod.None, null, ReferralRoute.Municipality), c, person);
        offer.Accept();
        entry.MarkHoused();
        db.Placements.Add(placement);
        return placement;
    }
}

/// <summary><c>Offers({id})/HousingCapacity.Decline</c> with a reason: the entry returns to Waiting with its place kept.</summary>
public static class DeclineOfferAction
{

    public static async Task<Offer> InvokeAsync(HousingDbContext db, Offer offer, string reason, WriteContext c)
    {
        offer.Decline(reason);
        var entry = (await db.FindUnscopedAsync<WaitlistEntry>(offer.WaitlistEntryId, c.Cancellation))!;
        entry.ReturnToWaiting();
        return offer;
    }
}

/// <summary>Expires unanswered offers on a timer, so that a unit can be offered on without anyone asking first.</summary>
public sealed class OfferExpiryService(IServiceScopeFactory scopes, IOptions<WaitlistOptions> options, IClock clock, ILogger<OfferExpiryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, options.Value.ExpiryIntervalMinutes)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var caller = scope.ServiceProvider.GetRequiredService<Security.CallerScope>();
                caller.Current = Security.Caller.System("offer-expiry");
                caller.Request = "background offer expiry";
                var db = scope.ServiceProvider.GetRequiredService<HousingDbContext>();
                await using var tx = await db.BeginWriteAsync(stoppingToken);
                var expired = await OfferWorkflow.ExpireDueAsync(db, DanishTime.Today(clock), stoppingToken);
                await db.SaveChangesAsync(stoppingToken);
                await tx.CommitAsync(stoppingToken);
                if (expired > 0) logger.LogInformation("Expired {Count} unanswered offers", expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning("Offer expiry failed: {Type}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
