using Microsoft.AspNetCore.OData;
using Microsoft.AspNetCore.OData.Abstracts;
using Microsoft.AspNetCore.OData.Batch;
using Microsoft.AspNetCore.OData.Formatter.Serialization;
using Microsoft.OData.UriParser;

namespace HousingCapacity.Api.OData;

/// <summary>The one place that sets up Microsoft.AspNetCore.OData: the model, our binder, serializer, ETags, batching and
/// routing.</summary>
public static class ODataSetup
{
    public static IServiceCollection AddHousingOData(this IServiceCollection services, IConfiguration configuration,
        IReadOnlyList<IFeature> features)
    {
        services.Configure<ODataLimits>(configuration.GetSection("OData"));
        foreach (var feature in features) feature.AddServices(services, configuration);
        var model = HousingModel.Build(features);
        services.AddSingleton(model);
        services.AddControllers(mvc =>
            {
                mvc.Filters.Add<ODataAccessFilter>();
                mvc.Filters.Add<DateParametersFilter>();
                mvc.Filters.Add<ReadLogFilter>();
            })
            .AddOData(options =>
            {
                options.AddRouteComponents("odata", model, route =>
                {
                    route.AddScoped<QueryRequest>();
                    route.AddScoped<IFilterBinder, HousingFilterBinder>();
                    route.AddSingleton<ODataResourceSerializer, HousingResourceSerializer>();
                    route.AddSingleton<IETagHandler, VersionETagHandler>();
                    route.AddSingleton<ODataBatchHandler, AtomicBatchHandler>();
                    // Enum members and property names as clients write them (case-insensitive), as before the library.
                    route.AddSingleton<ODataUriResolver>(_ => new StringAsEnumResolver { EnableCaseInsensitive = true });
                });
                options.Conventions.Add(new HousingRoutingConvention());
                // Next links page with $skip over an order that always ends with Id (no $skiptoken: its filters mishandle nulls).
                options.Select().Filter().OrderBy().Expand().Count().SetMaxTop(null);
                options.TimeZone = TimeZoneInfo.Utc;
                options.EnableAttributeRouting = false;
                options.RouteOptions.EnableKeyInParenthesis = true;
                options.RouteOptions.EnableKeyAsSegment = false;
                options.RouteOptions.EnableQualifiedOperationCall = true;
                options.RouteOptions.EnableUnqualifiedOperationCall = false;
                options.RouteOptions.EnableNonParenthesisForEmptyParameterFunction = false;
            });
        return services;
    }

    public static void UseHousingOData(this WebApplication app)
    {
        app.UseODataResponses();
        app.UseODataBatching();
        app.UseODataResponses();
        app.UseRouting();
    }
}
