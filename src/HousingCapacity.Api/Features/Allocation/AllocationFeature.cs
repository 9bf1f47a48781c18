using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Stays: allocation with every placement rule, check-in by CPR number at the door, check-out, notices and long stays.</summary>
public sealed class AllocationFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PlacementPolicy>(configuration.GetSection("PlacementRules"));
        services.AddSingleton<PlacementAllocation>();
        services.AddSingleton<CheckInAction>();
        services.AddSingleton<LongStaysFunction>();
    }

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        var placements = model.EntitySet<Placement>("Placements");
        placements.EntityType.Ignore(p => p.Stay);
        var placement = model.EntityType<Placement>();

        var discharge = placement.Action("Discharge");
        discharge.Parameter<DateOnly>("endDate");
        discharge.Parameter<DischargeReason>("dischargeReason");
        discharge.Parameter<Destination>("destination");
        discharge.ReturnsFromEntitySet<Placement>("Placements");

        var markNotified = placement.Action("MarkNotified");
        markNotified.Parameter<DateOnly>("notifiedOn").Optional();
        markNotified.ReturnsFromEntitySet<Placement>("Placements");

        var renew = placement.Action("RenewSupport");
        renew.Parameter<DateOnly>("until");
        renew.ReturnsFromEntitySet<Placement>("Placements");

        var checkIn = placement.Collection.Action("CheckIn");
        checkIn.Parameter<string>("cpr").Required();
        checkIn.Parameter<int>("unitId").Optional();
        checkIn.Parameter<int>("facilityId").Optional();
        checkIn.Parameter<DateOnly>("startDate").Optional();
        checkIn.Parameter<DateOnly>("endDate").Optional();
        checkIn.Parameter<SupportMethod>("supportMethod").Optional();
        checkIn.Parameter<string>("exceptionJustification").Optional();
        checkIn.Parameter<ReferralRoute>("referralRoute").Optional();
        checkIn.ReturnsFromEntitySet<Placement>("Placements");

        var longStays = placement.Collection.Function("LongStays");
        longStays.Parameter<DateOnly>("date");
        longStays.ReturnsCollection<LongStay>();
    }
}
