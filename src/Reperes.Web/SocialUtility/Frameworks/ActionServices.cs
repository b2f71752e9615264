using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>The services of a structure an action can be linked to: only its own.</summary>
public static class ActionServices
{
    public static Task<List<ServiceOption>> OptionsAsync(ReperesDbContext db, int structureId, CancellationToken cancellationToken) =>
        db.Services.AsNoTracking().Where(s => s.StructureId == structureId).OrderBy(s => s.Name)
            .Select(s => new ServiceOption(s.Id, s.Name)).ToListAsync(cancellationToken);

    /// <summary>The ids chosen, when every one is a service of the structure; none when one is not (another's, or unknown).</summary>
    public static async Task<IReadOnlyList<int>?> OwnAsync(ReperesDbContext db, int structureId, IReadOnlyCollection<int> chosen, CancellationToken cancellationToken)
    {
        var wanted = chosen.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var own = await db.Services.Where(s => s.StructureId == structureId && wanted.Contains(s.Id)).CountAsync(cancellationToken);
        return own == wanted.Count ? wanted : null;
    }
}
