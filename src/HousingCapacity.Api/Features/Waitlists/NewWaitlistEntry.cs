namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>What a client sends to create a person on a waitlist (POST /odata/WaitlistEntries): applied today unless said, and for an
/// urgent entry why it goes first: the properties the writer accepts.</summary>
public sealed record NewWaitlistEntry(int WaitlistId, int PersonId, DateOnly? AppliedOn = null, Priority? Priority = null,
    string? PriorityReason = null);
