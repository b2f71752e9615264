using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Back;

/// <summary>
/// What waits for my validation: the proposals of the structures I may publish for, and for moderators and the
/// coordinator those of the whole network; the oldest first, so that nobody waits too long. Each opens its review
/// (<see cref="ReviewPublicationModel"/>), which comes back here with what was decided.
/// </summary>
[Authorize]
public sealed class ModerationQueueModel(ReperesDbContext db, UserManager<ReperesUser> users) : PageModel
{
    public const string Path = "/mon-espace/a-valider";

    public IReadOnlyList<AwaitingPublication> Items { get; private set; } = [];

    /// <summary>The decision just taken on a review: publie, programme or refuse.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public async Task OnGetAsync() => Items = await ModerationQueue.QueueAsync(db, User, users.GetUserId(User)!, 500, HttpContext.RequestAborted);
}
