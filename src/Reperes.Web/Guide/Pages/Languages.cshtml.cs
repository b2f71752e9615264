using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reperes.Web.Guide.Pages;

/// <summary>"Langues": every language of the interface named in itself, one tap each; back to the page it came from.</summary>
public sealed class LanguagesModel : PageModel
{
    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) =>
        ReturnUrl = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";
}
