using Microsoft.Extensions.Localization;
using Reperes.Web.Guide.Search;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Pages;

public sealed class SearchModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public async Task OnGetAsync() => await RunSearchAsync();
}
