using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// <c>POST /odata/Placements({id})/HousingCapacity.Cancel</c> with <c>{"reason": "…"}</c>: a stay entered in error (the wrong person,
/// the wrong dates, a test) is cancelled by a housing officer, so that a mistake is never stuck (issue 23: a stay could only be
/// ended by a discharge after its start, and never removed). A cancelled stay never happened: it and its support periods leave the
/// stays, so that no rule, count, report or file counts it, and what it was (person, unit, dates, who, when and why) is kept in the
/// access log, the person's history under GDPR art. 15. A stay that really took place is ended with Discharge instead.
/// </summary>
public static class PlacementCancellation
{
    /// <summary>A reason someone else can understand later.</summary>
    public const int MinReasonLength = 10;

    /// <summary>Removes the stay (null), or returns why not.</summary>
    public static async Task<Refusal?> CancelAsync(HousingDbContext db, Placement stay, string? reason, WriteContext c)
    {
        var text = reason?.Trim() ?? "";
        if (text.Length < MinReasonLength)
            return Refusal.Invalid("ReasonRequired",
                $"Skriv hvorfor opholdet annulleres (mindst {MinReasonLength} tegn), fx \"Registreret på den forkerte person\".",
                $"Say why the stay is cancelled (at least {MinReasonLength} characters), e.g. \"Registered on the wrong person\".",
                    "reason");
        Privacy.EnsureNoCpr(text, "reason");
        var periods = await db.Unscoped<SupportPeriod>().Include(s => s.Placement).Where(s => s.PlacementId == stay.Id)
            .ToListAsync(c.Cancellation);
        var nights = stay.EndDate is { } end ? $"{stay.StartDate:yyyy-MM-dd}–{end:yyyy-MM-dd}" : $"{stay.StartDate:yyyy-MM-dd}–";
        db.AccessLog.Add(AccessLog.Entry(db.Scope, c.Clock.GetCurrentInstant(),
            $"Cancel Placement {stay.Id} (Person {stay.PersonId}, Unit {stay.UnitId}, Facility {stay.FacilityId}, {nights}, " +
            $"{periods.Count} support period(s)): {text}", stay.PersonId));
        db.RemoveRange(periods);
        db.Remove(stay);
        return null;
    }
}
