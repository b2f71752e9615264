using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Accounts;

/// <summary>
/// One part of the network a moderator looks after: a need (every structure offering a service of it) or one
/// structure. A moderator without any scope moderates the whole network.
/// </summary>
public sealed class ModeratorScope
{
    private ModeratorScope() { }

    private ModeratorScope(string userId, int? needId, int? structureId)
    {
        UserId = userId;
        NeedId = needId;
        StructureId = structureId;
    }

    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public int? NeedId { get; private set; }
    public int? StructureId { get; private set; }

    public static ModeratorScope ForNeed(string userId, int needId) => new(userId, needId, null);

    public static ModeratorScope ForStructure(string userId, int structureId) => new(userId, null, structureId);
}

/// <summary>What a person may moderate, for the moderation queue and the coordination pages.</summary>
public static class ModeratorScopes
{
    /// <summary>
    /// Whether the person may moderate the structure's content: the coordinator always; a moderator without scope
    /// everywhere; a moderator with scopes on the structures named and those offering a service of a need named;
    /// anyone else never.
    /// </summary>
    public static async Task<bool> CanModerateAsync(ReperesDbContext db, string userId, int structureId, CancellationToken cancellationToken = default)
    {
        var structures = await StructuresModeratedByAsync(db, userId, cancellationToken);
        return structures is null || await structures.AnyAsync(id => id == structureId, cancellationToken);
    }

    /// <summary>
    /// The ids of the structures the person moderates, as a query to filter on (<c>ids.Contains(x.StructureId)</c>,
    /// evaluated by the database), or null when they moderate the whole network (the coordinator, a moderator
    /// without scope). Someone who is neither moderator nor coordinator gets an empty query.
    /// </summary>
    public static async Task<IQueryable<int>?> StructuresModeratedByAsync(ReperesDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var roles = await RolesOfAsync(db, userId, cancellationToken);
        if (roles.Contains(NetworkRoles.Coordinator))
        {
            return null;
        }

        if (!roles.Contains(NetworkRoles.Moderator))
        {
            return db.Structures.Where(_ => false).Select(s => s.Id);
        }

        if (!await db.ModeratorScopes.AnyAsync(m => m.UserId == userId, cancellationToken))
        {
            return null;
        }

        return ScopedStructures(db, userId);
    }

    /// <summary>The structures a moderator's scopes name, directly or through a need (ignores roles: see above).</summary>
    public static IQueryable<int> ScopedStructures(ReperesDbContext db, string userId)
    {
        var scopes = db.ModeratorScopes.Where(m => m.UserId == userId);
        var direct = scopes.Where(m => m.StructureId != null).Select(m => m.StructureId!.Value);
        var byNeed = db.Services
            .Where(s => scopes.Any(m => m.NeedId == s.Category.NeedId))
            .Select(s => s.StructureId);
        return direct.Union(byNeed);
    }

    private static async Task<List<string>> RolesOfAsync(ReperesDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(cancellationToken);
}
