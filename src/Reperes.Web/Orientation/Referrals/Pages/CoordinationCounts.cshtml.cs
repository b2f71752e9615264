using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>The coordinator's view of referrals: anonymous counts by service, never a request's content.</summary>
[Authorize]
public sealed class CoordinationCountsModel(ReperesDbContext db) : PageModel
{
    public IReadOnlyList<ReferralServiceCount> Counts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!User.IsInRole(NetworkRoles.Coordinator))
        {
            return NotFound();
        }

        Counts = await ReferralCounts.ForAsync(db, null, HttpContext.RequestAborted);
        return Page();
    }
}
