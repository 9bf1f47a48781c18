using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OData.Formatter;
using Microsoft.Extensions.Options;

namespace HousingCapacity.Api.OData;

/// <summary>
/// Binds an action's command (<see cref="ActionCommands"/>) from its body: the library reads the body against the action's
/// parameters in the EDM (as ODataActionParameters, through MVC's body binding and the OData input formatter, so that what it
/// cannot read is answered as everywhere else), and the values become the record. No body is an action without parameters.
/// </summary>
public sealed class CommandModelBinder : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext context)
    {
        var http = context.HttpContext;
        ODataActionParameters? parameters = null;
        if (http.Request.ContentLength is not (0 or null) || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var services = http.RequestServices;
            var metadata = services.GetRequiredService<IModelMetadataProvider>().GetMetadataForType(typeof(ODataActionParameters));
            var body = new BindingInfo { BindingSource = BindingSource.Body };
            var binder = services.GetRequiredService<IModelBinderFactory>()
                .CreateBinder(new ModelBinderFactoryContext { Metadata = metadata, BindingInfo = body });
            var inner = DefaultModelBindingContext.CreateBindingContext(context.ActionContext, context.ValueProvider, metadata, body,
                context.ModelName);
            await binder.BindModelAsync(inner);
            if (!inner.Result.IsModelSet)
            {
                context.Result = ModelBindingResult.Failed();
                return;
            }
            parameters = (ODataActionParameters?)inner.Result.Model;
        }
        var clock = http.RequestServices.GetRequiredService<IClock>();
        context.Result = ModelBindingResult.Success(ActionCommands.Read(context.ModelType, parameters,
            http.RequestServices.GetRequiredService<IOptions<DateWindow>>().Value, DanishTime.Today(clock)));
    }
}
