using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Waitlists;

public sealed class WaitlistEntriesController(WaitlistEntryWriter writer) : EntitySetController<WaitlistEntry>(writer);
