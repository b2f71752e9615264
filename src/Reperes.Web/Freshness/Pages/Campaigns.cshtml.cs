using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Pages;

public sealed record CampaignRow(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn, SheetSections Sections, CampaignCounts Counts);

/// <summary>The coordination's verification campaigns, latest first, with their progress.</summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class CampaignsModel(ReperesDbContext db) : PageModel
{
    public IReadOnlyList<CampaignRow> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var campaigns = await db.Campaigns.AsNoTracking()
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(200)
            .Select(c => new { c.Id, c.Name, c.StartsOn, c.EndsOn, c.Sections })
            .ToListAsync(HttpContext.RequestAborted);
        var counts = await CampaignCounts.OfAsync(db, campaigns.Select(c => c.Id).ToList(), HttpContext.RequestAborted);
        Rows = campaigns.Select(c => new CampaignRow(c.Id, c.Name, c.StartsOn, c.EndsOn, c.Sections, counts[c.Id])).ToList();
    }
}
