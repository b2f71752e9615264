using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reperes.Web.Guide.Pages;

/// <summary>
/// "Près de moi" when the browser gives no position: without JavaScript, when the person refused to share it, or when
/// the phone could not find it. It says so in plain words and asks for a commune or a postal code instead.
/// </summary>
public sealed class NearMeModel(GuideCatalog catalog) : PageModel
{
    /// <summary>Why the position is missing, as site.js tells it: "refusee" (refused) or "indisponible" (not found).</summary>
    [BindProperty(SupportsGet = true, Name = "position")]
    public string? Position { get; set; }

    /// <summary>A need to keep in the search (from a need's page), ignored when unknown.</summary>
    [BindProperty(SupportsGet = true, Name = "need")]
    public string? NeedCode { get; set; }

    public NeedInfo? Need { get; private set; }

    public bool Refused => Position == "refusee";

    public bool Unavailable => Position == "indisponible";

    public void OnGet() => Need = catalog.Need(NeedCode);
}
