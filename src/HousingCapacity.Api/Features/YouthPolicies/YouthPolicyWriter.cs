using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.YouthPolicies;

/// <summary>
/// POST /odata/YouthPolicies: a new version of the caller's municipality's youth policy, in force from <c>EffectiveFrom</c>.
/// A version is history — a decision cites it — so it is never changed or removed; a correction is a new version. Two
/// versions of one municipality cannot start on the same date (409).
/// </summary>
public sealed class YouthPolicyWriter : IEntitySetWriter, ICreatesFrom<NewYouthPolicy>
{
    public IReadOnlySet<string> Insertable { get; } = EntityValues.NamesOf<NewYouthPolicy>();
    public IReadOnlySet<string> Updatable { get; } = new HashSet<string>();
    public bool AllowsUpdate => false;
    public bool AllowsDelete => false;

    public Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, EntityValues v, WriteContext c) =>
        CreateAsync(db, v.As<NewYouthPolicy>(), c);

    public async Task<Outcome<(Entity Entity, bool Created)>> CreateAsync(HousingDbContext db, NewYouthPolicy n, WriteContext c)
    {
        // The administrator's own municipality unless another is named (WriteScope refuses another's).
        if ((n.MunicipalityId ?? db.Scope.Current.MunicipalityId) is not { } municipalityId)
            return Refusal.Invalid("MissingProperty", "Angiv kommunen.", "Give MunicipalityId.", "MunicipalityId");
        await References.EnsureVisibleAsync<Municipality>(db, municipalityId, "MunicipalityId", c.Cancellation);
        var from = n.EffectiveFrom.ToLocalDate();
        var date = from.ToDateOnly();
        if (await db.Unscoped<YouthPolicy>().AnyAsync(p => p.MunicipalityId == municipalityId && p.EffectiveFrom == date, c.Cancellation))
            return Refusal.Conflict("YouthPolicyDateTaken",
                "Kommunen har allerede en version af politikken fra denne dato. Ret ved at registrere en ny version fra en anden dato.",
                "The municipality already has a version of the policy from this date; record a new version from another date.",
                "EffectiveFrom");
        return (new YouthPolicy(municipalityId, from, n.Applies, n.MinAge, n.MaxAge, n.PolicyName, n.PolicyYear, c.UserName), true);
    }

    public Task<Refusal?> UpdateAsync(HousingDbContext db, Entity entity, EntityValues values, WriteContext context) =>
        throw new InvalidOperationException("A youth policy version is never changed.");
}
