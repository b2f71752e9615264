using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Guide.Pages;

public sealed class IndexModel(GuideCatalog catalog, PublicationFeed feed) : PageModel
{
    public GuideCatalog Catalog => catalog;

    /// <summary>"À la une": what the coordinator puts forward.</summary>
    public IReadOnlyList<PublicationCard> Featured { get; private set; } = [];

    public IReadOnlyList<PublicationCard> Latest { get; private set; } = [];

    public IReadOnlyList<PublicationCard> Events { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ViewData["Demo"] = catalog.HasDemoData;
        var cancellationToken = HttpContext.RequestAborted;
        Featured = await feed.LatestAsync(3, featuredOnly: true, cancellationToken: cancellationToken);
        var featuredIds = Featured.Select(f => f.Id).ToHashSet();
        Latest = (await feed.LatestAsync(5 + featuredIds.Count, cancellationToken: cancellationToken)).Where(c => !featuredIds.Contains(c.Id)).Take(5).ToList();
        Events = await feed.UpcomingEventsAsync(5, cancellationToken: cancellationToken);
    }
}
