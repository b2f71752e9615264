using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility.Territory;

/// <summary>
/// What the structures of the network see of each other's evaluation: the territory's aggregates only (never another
/// structure's framework, figures or testimonies), for the members of a structure and the coordinator.
/// </summary>
[Authorize]
public sealed class TerritoryNetworkModel(ReperesDbContext db, TerritoryAggregates aggregates, UserManager<ReperesUser> users, TimeProvider clock) : PageModel
{
    public TerritoryYears Years { get; private set; } = null!;

    public TerritoryFigures Figures { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "annee")] string? year)
    {
        var userId = users.GetUserId(User);
        if (!User.IsInRole(NetworkRoles.Coordinator) && !await db.Memberships.AnyAsync(m => m.UserId == userId, HttpContext.RequestAborted))
        {
            return Forbid();
        }

        Years = await TerritoryYears.ListAsync(db, clock.GetUtcNow(), HttpContext.RequestAborted);
        Figures = await aggregates.ComputeAsync(Years.Choose(year), HttpContext.RequestAborted);
        return Page();
    }
}
