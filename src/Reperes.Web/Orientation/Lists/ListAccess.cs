using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Lists;

/// <summary>Who is looking at lists: the account, its validated body (if any) and the structures whose team it belongs to.</summary>
public sealed record ListViewer(string UserId, int? BodyId, IReadOnlyList<int> StructureIds);

/// <summary>
/// Who sees a list: its owner, and when it is shared, the validated professionals of its body or the members of its
/// structure. Anyone else is told it does not exist (404). Only the owner changes it.
/// </summary>
public static class ListAccess
{
    public static async Task<ListViewer> ViewerAsync(ReperesDbContext db, string userId, CancellationToken cancellationToken)
    {
        var body = await ProfessionalAccess.BodyOfAsync(db, userId, cancellationToken);
        var structures = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.StructureId).ToListAsync(cancellationToken);
        return new ListViewer(userId, body, structures);
    }

    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The lists the viewer sees: their own and those shared with them.</summary>
    public static IQueryable<PlaceList> Visible(ReperesDbContext db, ListViewer viewer)
    {
        var structures = viewer.StructureIds.ToList();
        var body = viewer.BodyId ?? -1;
        return db.PlaceLists.Where(l =>
            l.OwnerId == viewer.UserId
            || (l.Sharing == ListSharing.Body && l.SharedBodyId == body)
            || (l.Sharing == ListSharing.Structure && l.SharedStructureId != null && structures.Contains(l.SharedStructureId.Value)));
    }

    /// <summary>Lists shared with the viewer by others.</summary>
    public static IQueryable<PlaceList> SharedWith(ReperesDbContext db, ListViewer viewer) =>
        Visible(db, viewer).Where(l => l.OwnerId != viewer.UserId);
}
