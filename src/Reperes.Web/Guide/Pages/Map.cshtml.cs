using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

public sealed class MapModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, IOptions<ReperesOptions> options)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public MapOptions Map => options.Value.Map;

    public async Task OnGetAsync() => await RunSearchAsync();
}
