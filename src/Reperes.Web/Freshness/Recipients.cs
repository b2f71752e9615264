using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness;

/// <summary>A manager who receives the links of a structure.</summary>
public sealed record Recipient(int StructureId, string UserId, string Email, string Name);

public static class Recipients
{
    /// <summary>The managers of these structures with an e-mail address and an account not locked, by structure.</summary>
    public static async Task<ILookup<int, Recipient>> ManagersAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = await db.Memberships.AsNoTracking()
            .Where(m => structureIds.Contains(m.StructureId) && m.Role == MembershipRole.Manager)
            .Select(m => new { m.StructureId, m.UserId, m.User.Email, m.User.DisplayName, m.User.LockoutEnd })
            .ToListAsync(cancellationToken);
        return rows
            .Where(r => !string.IsNullOrWhiteSpace(r.Email) && (r.LockoutEnd is null || r.LockoutEnd <= now))
            .Select(r => new Recipient(r.StructureId, r.UserId, r.Email!, r.DisplayName))
            .ToLookup(r => r.StructureId);
    }
}
