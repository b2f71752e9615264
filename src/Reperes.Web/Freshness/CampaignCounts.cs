using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness;

/// <summary>Where a campaign stands: structures to do, started, done.</summary>
public sealed record CampaignCounts(int ToDo, int Started, int Done)
{
    public int Total => ToDo + Started + Done;

    /// <summary>Done, in whole percent of the structures.</summary>
    public int PercentDone => Total == 0 ? 0 : Done * 100 / Total;

    public static async Task<Dictionary<int, CampaignCounts>> OfAsync(ReperesDbContext db, IReadOnlyCollection<int> campaignIds, CancellationToken cancellationToken)
    {
        var rows = await db.CampaignStructures.AsNoTracking()
            .Where(t => campaignIds.Contains(t.CampaignId))
            .GroupBy(t => new { t.CampaignId, t.Progress })
            .Select(g => new { g.Key.CampaignId, g.Key.Progress, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return campaignIds.ToDictionary(id => id, id => new CampaignCounts(
            rows.Where(r => r.CampaignId == id && r.Progress == CampaignProgress.ToDo).Sum(r => r.Count),
            rows.Where(r => r.CampaignId == id && r.Progress == CampaignProgress.Started).Sum(r => r.Count),
            rows.Where(r => r.CampaignId == id && r.Progress == CampaignProgress.Done).Sum(r => r.Count)));
    }
}

/// <summary>Creates a campaign with the structures its scope covers (online ones), as they are today.</summary>
public static class CampaignTargets
{
    public static IQueryable<Structure> Matching(ReperesDbContext db, CampaignScope scope, int? needId, string? communeCode)
    {
        var online = db.Structures.Where(s => s.Status == StructureStatus.Online);
        return scope switch
        {
            CampaignScope.All => online,
            CampaignScope.Need => online.Where(s => s.Services.Any(v => v.Category.NeedId == needId)),
            CampaignScope.Commune => online.Where(s => s.CommuneCode == communeCode),
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
        };
    }

    /// <summary>Adds the campaign and its structures; returns how many structures it covers.</summary>
    public static async Task<int> CreateAsync(ReperesDbContext db, Campaign campaign, CancellationToken cancellationToken)
    {
        var ids = await Matching(db, campaign.Scope, campaign.NeedId, campaign.CommuneCode).Select(s => s.Id).ToListAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(cancellationToken);
        db.CampaignStructures.AddRange(ids.Select(id => new CampaignStructure(campaign.Id, id)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ids.Count;
    }
}
