namespace HousingCapacity.Api.Features.Waitlists;

/// <summary>What a client sends to create a waitlist (POST /odata/Waitlists): the properties the writer accepts.</summary>
public sealed record NewWaitlist(int MunicipalityId, string Name, WaitlistKind Kind);
