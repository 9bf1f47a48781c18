using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Holds;

public sealed class BedHoldsController(BedHoldWriter writer) : EntitySetController<BedHold>(writer);
