using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Pages;

public sealed class IndexModel(GuideCatalog catalog, PublicationFeed feed) : PageModel
{
    /// <summary>
    /// The needs of tonight first (eat, a roof, care, wash, put one's bag down), then the others in the catalogue's
    /// order: on a phone the first rows are the ones seen without scrolling.
    /// </summary>
    private static readonly string[] UrgentNeeds = ["se-nourrir", "avoir-un-toit", "se-soigner", "prendre-soin-de-soi", "poser-son-sac"];

    public IEnumerable<NeedInfo> NeedsUrgentFirst =>
        catalog.Needs.OrderBy(n => Array.IndexOf(UrgentNeeds, n.Code) is var i and >= 0 ? i : UrgentNeeds.Length);

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
