using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Pages;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Widget;

/// <summary>
/// The guide inside a partner's site (one iframe): the same search as <c>/recherche</c> (a need, a commune, words,
/// "open now"…), a light page without the site's header, ten structures a page. It may be framed by any site.
/// </summary>
public sealed class WidgetModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, SearchUsage usage)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public const int PageSize = 10;

    public NeedInfo? Need => Catalog.Need(Search.Need);

    public async Task OnGetAsync()
    {
        Search.PageSize ??= PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await RunSearchAsync())
        {
            usage.Count(HttpContext, Search, Result!, SearchUsage.Widget);
        }
    }
}
