namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>What a client sends to open extra beds (POST /odata/ExtraBeds): the place, its first and last night, how many beds and
/// why: the properties the writer accepts.</summary>
public sealed record NewExtraBeds(int FacilityId, DateOnly FirstNight, DateOnly LastNight, int Beds, ExtraBedsReason Reason,
    string? Note = null);
