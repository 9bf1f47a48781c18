namespace HousingCapacity.Api.OData;

/// <summary>An <see cref="ODataProblem"/> as an MVC result.</summary>
public sealed class ODataProblemResult(ODataProblem problem) : Microsoft.AspNetCore.Mvc.IActionResult
{
    public Task ExecuteResultAsync(Microsoft.AspNetCore.Mvc.ActionContext context) => problem.WriteAsync(context.HttpContext.Response);
}
