using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reperes.Web.Freshness.Pages;

/// <summary>After a link confirmed everything it asked (the name comes across the redirection by TempData).</summary>
public sealed class ThanksModel : PageModel
{
    public string? StructureName { get; private set; }

    public void OnGet() => StructureName = TempData[UpdateLinkModel.DoneKey] as string;
}
