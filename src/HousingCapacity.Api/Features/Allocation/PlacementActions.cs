using HousingCapacity.Api.Data;
using HousingCapacity.Api.OData;
using HousingCapacity.Domain;
using NodaTime;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>
/// Discharge ends a stay: the end date is the morning the person leaves (the bed is free that night), with the way the
/// stay ended and where the person went (Danmarks Statistik's §110 registration asks both at check-out).
/// </summary>
public sealed class DischargeAction : IEntityAction
{
    public string EntitySet => "Placements";
    public string Name => "Discharge";

    public Task<Entity> InvokeAsync(HousingDbContext db, Entity entity, EntityValues p, WriteContext c)
    {
        ((Placement)entity).Discharge(p.Required<LocalDate>("endDate"), p.Required<DischargeReason>("dischargeReason"), p.Required<Destination>("destination"));
        return Task.FromResult(entity);
    }
}

/// <summary>Records that the responsible municipality was notified of a §110 admission (Serviceloven §110 stk. 6).</summary>
public sealed class MarkNotifiedAction : IEntityAction
{
    public string EntitySet => "Placements";
    public string Name => "MarkNotified";

    public Task<Entity> InvokeAsync(HousingDbContext db, Entity entity, EntityValues p, WriteContext c)
    {
        ((Placement)entity).MarkNotified(p.Optional<LocalDate?>("notifiedOn", null) ?? DanishTime.Today(c.Clock));
        return Task.FromResult(entity);
    }
}

/// <summary>Renews time-limited support (CTI ends 9 months after the start unless renewed).</summary>
public sealed class RenewSupportAction : IEntityAction
{
    public string EntitySet => "Placements";
    public string Name => "RenewSupport";

    public Task<Entity> InvokeAsync(HousingDbContext db, Entity entity, EntityValues p, WriteContext c)
    {
        ((Placement)entity).RenewSupport(p.Required<LocalDate>("until"));
        return Task.FromResult(entity);
    }
}
