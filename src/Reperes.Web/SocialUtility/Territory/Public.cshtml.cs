using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility.Territory;

/// <summary>The territory's published results, year by year, for anyone (only what the coordinator published).</summary>
public sealed class TerritoryPublicModel(ReperesDbContext db) : PageModel
{
    public IReadOnlyList<int> Years { get; private set; } = [];

    public TerritoryFigures? Figures { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? year)
    {
        var published = await db.TerritoryResults.AsNoTracking().Where(r => r.PublishedAt != null).OrderByDescending(r => r.Year)
            .Select(r => new { r.Year, r.Content, r.PublishedAt }).ToListAsync(HttpContext.RequestAborted);
        Years = published.Select(r => r.Year).ToList();
        var shown = year is null ? published.FirstOrDefault() : published.FirstOrDefault(r => r.Year == year);
        if (year is not null && shown is null)
        {
            return NotFound();
        }

        if (shown is not null)
        {
            Figures = TerritoryFigures.FromJson(shown.Content);
            PublishedAt = shown.PublishedAt;
        }

        return Page();
    }
}
