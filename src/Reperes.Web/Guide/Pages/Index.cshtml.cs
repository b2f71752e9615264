using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Reperes.Web.Guide.Pages;

public sealed class IndexModel(GuideCatalog catalog) : PageModel
{
    public GuideCatalog Catalog => catalog;

    public void OnGet() => ViewData["Demo"] = catalog.HasDemoData;
}
