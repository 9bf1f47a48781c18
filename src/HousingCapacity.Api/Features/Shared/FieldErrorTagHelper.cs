using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HousingCapacity.Api.Features.Shared;

/// <summary>
/// A field with an error says so to assistive technology (WCAG 2.1, 3.3.1): the field gets <c>aria-invalid</c> and is described
/// by its error message, whose element gets an id for that (<c>{field}-error</c>).
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
[HtmlTargetElement("span", Attributes = "asp-validation-for")]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("asp-for")] public ModelExpression? For { get; set; }
    [HtmlAttributeName("asp-validation-for")] public ModelExpression? ValidationFor { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    // After the built-in tag helpers, which set the id and the validation classes.
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = (For ?? ValidationFor)?.Name;
        if (name is null) return;
        var errorId = TagBuilder.CreateSanitizedId(name, "_") + "-error";
        if (ValidationFor is not null)
        {
            output.Attributes.SetAttribute("id", errorId);
            return;
        }
        if (ViewContext.ModelState[name] is not { Errors.Count: > 0 }) return;
        output.Attributes.SetAttribute("aria-invalid", "true");
        var described = output.Attributes.TryGetAttribute("aria-describedby", out var existing) ? $"{existing.Value} {errorId}" : errorId;
        output.Attributes.SetAttribute("aria-describedby", described);
    }
}
