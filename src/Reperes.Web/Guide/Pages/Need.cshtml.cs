using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

public sealed class NeedModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, PublicationFeed feed, SearchUsage usage)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public NeedInfo? Need { get; private set; }

    /// <summary>The network's latest publications and next events about this need.</summary>
    public IReadOnlyList<PublicationCard> Publications { get; private set; } = [];

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

        if (await RunSearchAsync())
        {
            usage.Count(HttpContext, Search, Result!);
        }

        var events = await feed.UpcomingEventsAsync(3, needId: Need.Id, cancellationToken: HttpContext.RequestAborted);
        var latest = await feed.LatestAsync(3, needId: Need.Id, cancellationToken: HttpContext.RequestAborted);
        Publications = [.. events, .. latest];
        return Page();
    }
}
