using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Reperes.Web.Shared;

/// <summary>
/// Runs after the framework's validation summary: with no error, nothing is written at all, instead of an empty alert
/// holding a hidden <c>&lt;li style="display:none"&gt;</c> placeholder for client-side validation (which the site does not
/// use, and whose style attribute the Content-Security-Policy refuses).
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class QuietValidationSummaryTagHelper : TagHelper
{
    // The framework's summary runs at order 0 (the default); this one after it.
    public override int Order => 1000;

    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ViewData.ModelState.ErrorCount == 0)
        {
            output.SuppressOutput();
        }
    }
}
