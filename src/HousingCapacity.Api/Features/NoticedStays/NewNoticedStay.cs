namespace HousingCapacity.Api.Features.NoticedStays;

/// <summary>What a client sends to create a stay elsewhere another municipality told of (POST /odata/NoticedStays): the properties the
/// writer accepts.</summary>
public sealed record NewNoticedStay(int PersonId, string PlaceName, int PlaceMunicipalityCode, DateOnly StartDate, DateOnly? EndDate = null,
    DateOnly? NoticeReceivedOn = null);
