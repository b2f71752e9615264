using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

public sealed class SearchModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, SearchUsage usage, ResultsPageCache pages)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (!await RunSearchAsync())
        {
            return Page();
        }

        usage.Count(HttpContext, Search, Result!);
        return pages.Serve(Result!, Now);
    }
}
