namespace HousingCapacity.Api.OData;

/// <summary>Who writes, and when.</summary>
public sealed record WriteContext(NodaTime.IClock Clock, string UserName, CancellationToken Cancellation);
