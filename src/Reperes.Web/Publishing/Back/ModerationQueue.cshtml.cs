using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Back;

public sealed record AwaitingPublication(int Id, PublicationKind Kind, string Title, string? StructureName, string Author, DateTimeOffset? ProposedAt, bool FromWorkshop);

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

    public async Task OnGetAsync() => Items = await QueueAsync(db, User, users.GetUserId(User)!, 500, HttpContext.RequestAborted);

    /// <summary>The proposals a person may decide on (also counted on "Mon espace").</summary>
    public static async Task<List<AwaitingPublication>> QueueAsync(ReperesDbContext db, System.Security.Claims.ClaimsPrincipal user, string userId, int take, CancellationToken cancellationToken)
    {
        var query = db.Publications.AsNoTracking().Where(p => p.Status == PublicationStatus.Proposed);
        var moderated = user.IsInRole(NetworkRoles.Coordinator) || user.IsInRole(NetworkRoles.Moderator)
            ? await ModeratorScopes.StructuresModeratedByAsync(db, userId, cancellationToken)
            : db.Structures.Where(_ => false).Select(s => s.Id);
        if (moderated is not null)
        {
            // The structures I may publish for as a member, and those of my moderation scope.
            var publishable = db.Memberships.Where(m => m.UserId == userId && (m.Role == MembershipRole.Manager || m.CanPublish)).Select(m => m.StructureId);
            query = query.Where(p => p.StructureId != null && (publishable.Contains(p.StructureId.Value) || moderated.Contains(p.StructureId.Value)));
        }

        return await query.OrderBy(p => p.ProposedAt).ThenBy(p => p.Id).Take(take)
            .Select(p => new AwaitingPublication(p.Id, p.Kind, p.Title, p.Structure != null ? p.Structure.Name : null, p.Signature ?? p.AuthorName, p.ProposedAt, p.WorkshopId != null))
            .ToListAsync(cancellationToken);
    }
}
