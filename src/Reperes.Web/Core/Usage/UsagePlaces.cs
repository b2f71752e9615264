using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Usage;

/// <summary>What a count about a place says of it: the structure, its commune (INSEE code) and its main need.</summary>
public sealed record UsagePlace(int StructureId, string NeedCode, string Commune)
{
    /// <summary>The fact of <paramref name="kind"/> about this place.</summary>
    public UsageFact Fact(UsageKind kind) => new(kind) { StructureId = StructureId, NeedCode = NeedCode, Commune = Commune };
}

/// <summary>The places counts are about, read from the guide: only structures online in it.</summary>
public static class UsagePlaces
{
    public static async Task<IReadOnlyDictionary<int, UsagePlace>> OnlineAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken)
    {
        if (structureIds.Count == 0)
        {
            return new Dictionary<int, UsagePlace>();
        }

        var ids = structureIds.Distinct().ToList();
        var rows = await db.Structures.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.Status == StructureStatus.Online)
            .Select(s => new
            {
                s.Id,
                s.CommuneCode,
                Needs = s.Services.OrderBy(v => v.Id).Select(v => v.Category.Need.Code).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new UsagePlace(r.Id, MainNeed(r.Needs), r.CommuneCode ?? ""));
    }

    /// <summary>The need most of the services answer (the first service's at equal numbers); "" without services.</summary>
    public static string MainNeed(IReadOnlyList<string> needCodesInServiceOrder) =>
        needCodesInServiceOrder
            .Select((code, position) => (code, position))
            .GroupBy(n => n.code)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Min(n => n.position))
            .Select(g => g.Key)
            .FirstOrDefault() ?? "";
}
