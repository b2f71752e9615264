using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists.Pages;

/// <summary>
/// "Changements dans vos listes": what changed in the last 30 days for the places of the professional's lists (own and
/// shared with them), those since their last visit marked new; opening the page counts as having seen them.
/// </summary>
[Authorize]
public sealed class ListChangesModel(ReperesDbContext db, ListChanges listChanges, TimeProvider clock) : PageModel
{
    public IReadOnlyList<ListedChange> Changes { get; private set; } = [];

    /// <summary>Changes after this instant are new to the person.</summary>
    public DateTimeOffset? SeenAt { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!ProfessionalAccess.IsProfessional(User))
        {
            return Forbid();
        }

        var me = ListAccess.UserId(User)!;
        var now = clock.GetUtcNow();
        var viewer = await ListAccess.ViewerAsync(db, me, HttpContext.RequestAborted);
        Changes = await listChanges.ForAsync(viewer, now - ListChanges.PageWindow, now, HttpContext.RequestAborted);
        var watch = await db.ListWatches.SingleOrDefaultAsync(w => w.UserId == me, HttpContext.RequestAborted);
        SeenAt = watch?.SeenAt;
        if (watch is null)
        {
            watch = new ListWatch(me);
            db.ListWatches.Add(watch);
        }

        watch.Seen(now);
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateException)
        {
            // Two first visits at once: the other one recorded it.
            db.ChangeTracker.Clear();
        }

        return Page();
    }
}
