using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.NoticedStays;

public sealed class NoticedStaysController(NoticedStayWriter writer) : EntitySetController<NoticedStay>(writer);
