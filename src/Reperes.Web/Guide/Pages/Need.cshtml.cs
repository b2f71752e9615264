using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

public sealed class NeedModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public NeedInfo? Need { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code)
    {
        Need = Catalog.Need(code);
        if (Need is null)
        {
            return NotFound();
        }

        Search.Need = Need.Code;
        if (Search.Category is { Length: > 0 } category && Catalog.Category(category)?.NeedCode != Need.Code)
        {
            Search.Category = null;
        }

        await RunSearchAsync();
        return Page();
    }
}
