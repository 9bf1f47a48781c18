using HousingCapacity.Api.OData;

namespace HousingCapacity.Api.Features.ExtraCapacity;

/// <summary>Extra beds a place opens for a period (kuldeberedskab, vinterberedskab): issue 28.</summary>
public sealed class ExtraCapacityFeature : IFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddSingleton<ExtraBedsWriter>();

    public void DescribeModel(ODataConventionModelBuilder model)
    {
        model.EntitySet<ExtraBeds>("ExtraBeds").EntityType.Ignore(e => e.Unit);
        model.EntityType<ExtraBeds>().Action("Close").Parameters<CloseExtraBedsCommand>().ReturnsFromEntitySet<ExtraBeds>("ExtraBeds");
    }
}
