using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

public sealed class SearchModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, SearchUsage usage)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public async Task OnGetAsync()
    {
        if (await RunSearchAsync())
        {
            usage.Count(HttpContext, Search, Result!);
        }
    }
}
