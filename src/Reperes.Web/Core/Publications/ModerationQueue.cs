using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Publications;

public sealed record AwaitingPublication(int Id, PublicationKind Kind, string Title, string? StructureName, string Author, DateTimeOffset? ProposedAt, bool FromWorkshop);

/// <summary>
/// What waits for a person's validation: the proposals of the structures they may publish for, and for moderators and
/// the coordinator those of the whole network (within their scope); the oldest first, so that nobody waits too long.
/// </summary>
public static class ModerationQueue
{
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
