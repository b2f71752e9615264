using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Accounts;

/// <summary>Who may publish what, in one place for the handlers, the moderation queue and the notifications.</summary>
public static class PublicationRights
{
    /// <summary>Network publications (no structure) are written by the coordinator, moderators and contributors.</summary>
    public static bool MayWriteForNetwork(ClaimsPrincipal user) =>
        user.IsInRole(NetworkRoles.Coordinator) || user.IsInRole(NetworkRoles.Moderator) || user.IsInRole(NetworkRoles.Contributor);

    /// <summary>
    /// A moderator moderates the structures of their scope (all of them without a scope, see <see cref="ModeratorScopes"/>);
    /// the network's own publications are moderated by moderators without a restricted scope.
    /// </summary>
    public static async Task<bool> ModeratesAsync(ReperesDbContext db, ClaimsPrincipal user, string userId, int? structureId, CancellationToken cancellationToken = default)
    {
        if (!user.IsInRole(NetworkRoles.Moderator))
        {
            return false;
        }

        return structureId is { } id
            ? await ModeratorScopes.CanModerateAsync(db, userId, id, cancellationToken)
            : await ModeratorScopes.StructuresModeratedByAsync(db, userId, cancellationToken) is null;
    }

    public static async Task<bool> MayPublishAsync(ReperesDbContext db, ClaimsPrincipal user, string userId, int? structureId, CancellationToken cancellationToken = default)
    {
        if (user.IsInRole(NetworkRoles.Coordinator) || await ModeratesAsync(db, user, userId, structureId, cancellationToken))
        {
            return true;
        }

        return structureId is { } id && await db.Memberships.AsNoTracking()
            .AnyAsync(m => m.UserId == userId && m.StructureId == id && (m.Role == MembershipRole.Manager || m.CanPublish), cancellationToken);
    }
}
