using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.Allocation;

/// <summary>Stays: allocation with every placement rule, check-in by CPR number at the door, check-out, notices and long stays.</summary>
public sealed class AllocationFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        // The dated thresholds and the extra days off are text in configuration: a malformed one stops the start, naming it
        // (Program reads the options before the host starts, so that the refusal is one line, not the host's error log).
        services.AddOptions<PlacementPolicy>().Bind(configuration.GetSection("PlacementRules"))
            .Validate(Parses, "PlacementRules: CountingYearThresholds must be yyyy-MM-dd=nights, ExtraNonWorkingDays MM-dd, " +
                "the youth band YouthMinAge–YouthMaxAge at least 18, NightEndsAtHour 0–12.");
        services.AddSingleton<PlacementAllocation>();
        services.AddSingleton<CheckInAction>();
        services.AddSingleton<Admissions>();
        services.AddSingleton<LongStaysFunction>();
    }

    private static bool Parses(PlacementPolicy policy)
    {
        try
        {
            policy.WorkingDays();
            policy.CountingYearRules();
            return policy.YouthMinAge >= MinorAtAdultPlaceRule.AdultAge && policy.YouthMaxAge >= policy.YouthMinAge
                && policy.NightEndsAtHour is >= 0 and <= 12;
        }
        catch (FormatException)
        {
            return false;
        }
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
        discharge.Parameter<FollowUpSupport>("followUpSupport").Optional();
        discharge.Parameter<DateOnly>("followUpDecidedOn").Optional();
        // An officer of another municipality confirms the conditions of §110 stk. 5 to end a §110 stay itself.
        discharge.Parameter<bool>("section110Stk5").Optional();
        discharge.ReturnsFromEntitySet<Placement>("Placements");

        placement.Action("Cancel").Parameter<string>("reason");

        var after107 = placement.Action("RecordHousingSupportAfterSection107");
        after107.Parameter<DateOnly>("decidedOn");
        after107.ReturnsFromEntitySet<Placement>("Placements");
        placement.Collection.Function("RefusionPeriods").ReturnsCollection<RefusionPeriod>();

        var handlekommune = placement.Action("ChangeResponsibleMunicipality");
        handlekommune.Parameter<int?>("municipalityCode").Optional();
        handlekommune.Parameter<string>("reason");
        handlekommune.ReturnsFromEntitySet<Placement>("Placements");

        var markNotified = placement.Action("MarkNotified");
        markNotified.Parameter<DateOnly>("notifiedOn").Optional();
        markNotified.ReturnsFromEntitySet<Placement>("Placements");

        foreach (var name in new[] { "ExtendSupport", "RenewSupport" })
        {
            var extend = placement.Action(name);
            extend.Parameter<DateOnly>("until");
            extend.Parameter<string>("reason");
            extend.ReturnsFromEntitySet<Placement>("Placements");
        }
        var change = placement.Action("ChangeSupportMethod");
        change.Parameter<SupportMethod>("method");
        change.Parameter<DateOnly>("from").Optional();
        change.Parameter<string>("reason");
        change.ReturnsFromEntitySet<Placement>("Placements");
        model.EntitySet<SupportPeriod>("SupportPeriods");

        // Serviceloven §110 stk. 4: the place admits or refuses a municipality's referral.
        var admit = placement.Action("Admit");
        admit.Parameter<string>("exceptionJustification").Optional();
        admit.ReturnsFromEntitySet<Placement>("Placements");
        var refuse = placement.Action("RefuseAdmission");
        refuse.Parameter<TurnawayReason>("reason");
        refuse.Parameter<string>("explanation");
        refuse.ReturnsFromEntitySet<Turnaway>("Turnaways");

        var checkIn = placement.Collection.Action("CheckIn");
        checkIn.Parameter<string>("cpr").Optional();
        checkIn.Parameter<int>("unitId").Optional();
        checkIn.Parameter<int>("facilityId").Optional();
        checkIn.Parameter<DateOnly>("startDate").Optional();
        checkIn.Parameter<DateOnly>("endDate").Optional();
        checkIn.Parameter<SupportMethod>("supportMethod").Optional();
        checkIn.Parameter<string>("exceptionJustification").Optional();
        checkIn.Parameter<ReferralRoute>("referralRoute").Optional();
        checkIn.Parameter<PriorResidence>("priorResidence").Optional();
        checkIn.Parameter<string>("alias").Optional();
        checkIn.Parameter<Gender>("gender").Optional();
        checkIn.Parameter<int>("birthYear").Optional();
        checkIn.Parameter<int>("estimatedAge").Optional();
        checkIn.Parameter<Section110StayType>("stayType").Optional();
        checkIn.Parameter<int>("personId").Optional();
        checkIn.Parameter<bool>("newPerson").Optional();
        checkIn.ReturnsFromEntitySet<Placement>("Placements");

        var longStays = placement.Collection.Function("LongStays");
        longStays.Parameter<DateOnly>("date");
        longStays.Parameter<bool>("warnings").Optional();
        longStays.ReturnsCollection<LongStay>();

        placement.Collection.Function("OpenYouthExceptions").ReturnsCollectionFromEntitySet<Placement>("Placements");
        placement.Collection.Function("MinorsAtAdultPlaces").ReturnsCollectionFromEntitySet<Placement>("Placements");
    }
}
