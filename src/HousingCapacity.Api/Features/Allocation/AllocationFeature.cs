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
                "the youth band YouthMinAge–YouthMaxAge at least 18, NightEndsAtHour 0–12, CountDueBy HH:mm.");
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
            policy.CountDueTime();
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

        // Each action's parameters are its command's (ActionCommands).
        placement.Action("Discharge").Parameters<DischargeCommand>().ReturnsFromEntitySet<Placement>("Placements");
        placement.Action("Cancel").Parameters<CancelStayCommand>();
        placement.Action("RecordHousingSupportAfterSection107").Parameters<HousingSupportAfterSection107Command>()
            .ReturnsFromEntitySet<Placement>("Placements");
        placement.Collection.Function("RefusionPeriods").ReturnsCollection<RefusionPeriod>();
        placement.Action("ChangeResponsibleMunicipality").Parameters<ChangeResponsibleMunicipalityCommand>()
            .ReturnsFromEntitySet<Placement>("Placements");
        placement.Action("MarkNotified").Parameters<MarkNotifiedCommand>().ReturnsFromEntitySet<Placement>("Placements");
        foreach (var name in new[] { "ExtendSupport", "RenewSupport" })
            placement.Action(name).Parameters<ExtendSupportCommand>().ReturnsFromEntitySet<Placement>("Placements");
        placement.Action("ChangeSupportMethod").Parameters<ChangeSupportMethodCommand>().ReturnsFromEntitySet<Placement>("Placements");
        model.EntitySet<SupportPeriod>("SupportPeriods");

        // Serviceloven §110 stk. 4: the place admits or refuses a municipality's referral.
        placement.Action("Admit").Parameters<AdmitCommand>().ReturnsFromEntitySet<Placement>("Placements");
        placement.Action("RefuseAdmission").Parameters<RefuseAdmissionCommand>().ReturnsFromEntitySet<Turnaway>("Turnaways");

        placement.Collection.Action("CheckIn").Parameters<CheckInCommand>().ReturnsFromEntitySet<Placement>("Placements");

        var longStays = placement.Collection.Function("LongStays");
        longStays.Parameter<DateOnly>("date");
        longStays.Parameter<bool>("warnings").Optional();
        longStays.ReturnsCollection<LongStay>();

        placement.Collection.Function("OpenYouthExceptions").ReturnsCollectionFromEntitySet<Placement>("Placements");
        placement.Collection.Function("MinorsAtAdultPlaces").ReturnsCollectionFromEntitySet<Placement>("Placements");
    }
}
