using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Reperes.Web.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Core.Structures;

/// <summary>
/// Every write to a sheet (its fields, a service, a notice, a restore) goes through here: the changes are kept as a
/// revision (who, when, what), the sheet's "updated at" moves, and the search index and the notices' cache follow
/// at once, so that search and "open now" stay true.
/// </summary>
public sealed class SheetWriter(
    ReperesDbContext db,
    SearchIndex index,
    NoticeBoard notices,
    CommuneDirectory communes,
    UserManager<ReperesUser> users,
    TimeProvider clock)
{
    /// <summary>Saves the pending changes of the context with their revision; false (and nothing saved) when there are none.</summary>
    public async Task<bool> SaveAsync(ClaimsPrincipal principal, Structure structure, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return false;
        }

        var user = await users.GetUserAsync(principal) ?? throw new InvalidOperationException("A sheet is written by a signed-in person.");
        var now = clock.GetUtcNow();
        structure.Touch(now);
        db.SheetRevisions.Add(new SheetRevision(structure.Id, user.Id, user.DisplayName, now, changes));
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
            await index.IndexAsync(db, [structure.Id], cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        notices.Invalidate();
        if (changes.Any(c => c.Field == SheetFields.Address))
        {
            communes.Invalidate();
        }

        return true;
    }
}
