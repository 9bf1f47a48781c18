using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Support periods are read here and written only by the placement's ExtendSupport and ChangeSupportMethod (the access
/// policy gives no role a direct write).</summary>
public sealed class SupportPeriodsController() : EntitySetController<SupportPeriod>(new ReadOnlyWriter())
{
    private sealed class ReadOnlyWriter : IEntitySetWriter
    {
        public IReadOnlySet<string> Insertable { get; } = new HashSet<string>();
        public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
        public bool AllowsUpdate => false;
        public bool AllowsDelete => false;

        public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues values,
            WriteContext context) =>
            Task.FromResult<Outcome<(Entity, bool)>>(new Refusal(RefusalKind.NotAllowedHere, "MethodNotAllowed",
                "Støtteperioder oprettes med ExtendSupport eller ChangeSupportMethod.",
                "Support periods are created by ExtendSupport or ChangeSupportMethod."));

        public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
            Task.FromResult<Refusal?>(new Refusal(RefusalKind.NotAllowedHere, "MethodNotAllowed", "Støtteperioder kan ikke ændres.",
                "Support periods cannot be changed."));
    }
}
