using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Territory;

public sealed record StoredResult(int Year, DateTimeOffset ComputedAt, DateTimeOffset? PublishedAt);

/// <summary>
/// The coordinator's capitalisation: the territory's figures of a year computed from the validated periods, kept as
/// that year's result (each year's figures stay as they were kept), published on the public page or withdrawn.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class TerritoryCoordinationModel(ReperesDbContext db, TerritoryAggregates aggregates, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public TerritoryYears Years { get; private set; } = null!;

    public int Year { get; private set; }

    public TerritoryFigures Figures { get; private set; } = null!;

    public IReadOnlyList<StoredResult> Stored { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "annee")] string? year)
    {
        await LoadAsync(year);
        return Page();
    }

    /// <summary>Keeps the year's figures as computed now (again, if not published).</summary>
    public async Task<IActionResult> OnPostKeepAsync([FromForm(Name = "annee")] string? year)
    {
        await LoadAsync(year);
        var stored = await db.TerritoryResults.FirstOrDefaultAsync(r => r.Year == Year, HttpContext.RequestAborted);
        if (stored is { IsPublished: true })
        {
            Error = l["Les chiffres de {0} sont publiés : retirez-les de la publication avant de les recalculer.", Year].Value;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (stored is null)
        {
            db.TerritoryResults.Add(new TerritoryResult(Year, Figures.ToJson(), clock.GetUtcNow()));
        }
        else
        {
            stored.Recompute(Figures.ToJson(), clock.GetUtcNow());
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Done = l["Les chiffres de {0} sont enregistrés.", Year].Value;
        return RedirectToPage(new { annee = Year });
    }

    public async Task<IActionResult> OnPostPublishAsync([FromForm(Name = "annee")] string? year)
    {
        await LoadAsync(year);
        var stored = await db.TerritoryResults.FirstOrDefaultAsync(r => r.Year == Year, HttpContext.RequestAborted);
        if (stored is null || stored.IsPublished)
        {
            Error = stored is null
                ? l["Enregistrez d’abord les chiffres de {0}.", Year].Value
                : l["Les chiffres de {0} sont déjà publiés.", Year].Value;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        stored.Publish(clock.GetUtcNow());
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Done = l["Les chiffres de {0} sont publiés sur la page publique.", Year].Value;
        return RedirectToPage(new { annee = Year });
    }

    public async Task<IActionResult> OnPostWithdrawAsync([FromForm(Name = "annee")] string? year)
    {
        await LoadAsync(year);
        var stored = await db.TerritoryResults.FirstOrDefaultAsync(r => r.Year == Year, HttpContext.RequestAborted);
        if (stored is not { IsPublished: true })
        {
            Error = l["Les chiffres de {0} ne sont pas publiés.", Year].Value;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        stored.Withdraw();
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        Done = l["Les chiffres de {0} ne sont plus publiés.", Year].Value;
        return RedirectToPage(new { annee = Year });
    }

    private async Task LoadAsync(string? year)
    {
        Years = await TerritoryYears.ListAsync(db, clock.GetUtcNow(), HttpContext.RequestAborted);
        Year = Years.Choose(year);
        Figures = await aggregates.ComputeAsync(Year, HttpContext.RequestAborted);
        Stored = await db.TerritoryResults.AsNoTracking().OrderByDescending(r => r.Year)
            .Select(r => new StoredResult(r.Year, r.ComputedAt, r.PublishedAt)).ToListAsync(HttpContext.RequestAborted);
    }
}
