using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Publishing.Pages;

/// <summary>Everything the network and its structures publish: latest first, by kind and by need; events to come first.</summary>
public sealed class PublicationsModel(PublicationFeed feed, GuideCatalog catalog, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "type")]
    public string? Type { get; set; }

    [BindProperty(SupportsGet = true, Name = "besoin")]
    public string? NeedCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PublicationKind? Kind { get; private set; }

    public NeedInfo? Need { get; private set; }

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public IReadOnlyList<PublicationCard> Items { get; private set; } = [];

    public bool HasNext { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Kind = PublicationLabels.FromCode(Type);
        Need = catalog.Need(NeedCode);
        if ((Type is not null && Kind is null) || (NeedCode is not null && Need is null) || PageNumber is < 1 or > 10_000)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow();
        var query = PublicationFeed.Filter(feed.Visible(), null, Need?.Id)
            .Where(p => p.Kind != PublicationKind.News || p.ExpiresAt == null || p.ExpiresAt > now);
        if (Kind is { } kind)
        {
            query = query.Where(p => p.Kind == kind);
        }

        // Events: the next ones first; the rest: the latest first.
        query = Kind == PublicationKind.Event
            ? query.Where(p => (p.EndsAt ?? p.StartsAt) >= now).OrderBy(p => p.StartsAt).ThenBy(p => p.Id)
            : query.OrderByDescending(p => p.PublishFrom).ThenByDescending(p => p.Id);
        var items = await PublicationFeed.Project(query.Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)).ToListAsync(HttpContext.RequestAborted);
        HasNext = items.Count > PageSize;
        Items = items.Take(PageSize).ToList();
        return Page();
    }

    public string Link(string? type, string? need, int page = 1)
    {
        var query = new List<string>();
        if (type is not null)
        {
            query.Add($"type={type}");
        }

        if (need is not null)
        {
            query.Add($"besoin={need}");
        }

        if (page > 1)
        {
            query.Add($"page={page}");
        }

        return "/publications" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
