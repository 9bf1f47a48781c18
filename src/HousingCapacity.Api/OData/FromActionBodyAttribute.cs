using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HousingCapacity.Api.OData;

/// <summary>An action's command, read from its body (<see cref="CommandModelBinder"/>).</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromActionBodyAttribute : ModelBinderAttribute
{
    public FromActionBodyAttribute() : base(typeof(CommandModelBinder)) => BindingSource = BindingSource.Body;
}
