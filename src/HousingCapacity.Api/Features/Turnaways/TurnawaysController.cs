using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Turnaways;

public sealed class TurnawaysController(TurnawayWriter writer) : EntitySetController<Turnaway>(writer);
