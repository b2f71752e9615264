using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>The anonymous counts of one service's requests: never a request's content, kept after erasure.</summary>
public sealed record ReferralServiceCount(int StructureId, string StructureName, string ServiceName, int Requests, int Waiting, int Accepted, int Refused, int ContactRequested, int Expired, double? MedianDaysToAnswer)
{
    /// <summary>Accepted among the requests answered yes or no, or null when none was.</summary>
    public double? AcceptanceRate => Accepted + Refused == 0 ? null : (double)Accepted / (Accepted + Refused);
}

/// <summary>Requests by service, acceptance rate and delay to answer, read from the states and dates alone.</summary>
public static class ReferralCounts
{
    /// <summary>The counts of every structure, or of the given ones; by structure then service.</summary>
    public static async Task<IReadOnlyList<ReferralServiceCount>> ForAsync(ReperesDbContext db, IReadOnlyCollection<int>? structureIds, CancellationToken cancellationToken)
    {
        var query = db.Referrals.AsNoTracking();
        if (structureIds is not null)
        {
            query = query.Where(r => structureIds.Contains(r.StructureId));
        }

        var rows = await query
            .Join(db.Structures, r => r.StructureId, s => s.Id, (r, s) => new { r.StructureId, StructureName = s.Name, r.ServiceName, r.State, r.SentAt, r.AnsweredAt })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => (r.StructureId, r.StructureName, r.ServiceName))
            .Select(g => new ReferralServiceCount(
                g.Key.StructureId,
                g.Key.StructureName,
                g.Key.ServiceName,
                g.Count(),
                g.Count(r => r.State == ReferralState.Sent),
                g.Count(r => r.State == ReferralState.Accepted),
                g.Count(r => r.State == ReferralState.Refused),
                g.Count(r => r.State == ReferralState.ContactRequested),
                g.Count(r => r.State == ReferralState.Expired),
                Median(g.Where(r => r.AnsweredAt is not null).Select(r => (r.AnsweredAt!.Value - r.SentAt).TotalDays).ToList())))
            .OrderBy(c => c.StructureName, StringComparer.CurrentCulture)
            .ThenBy(c => c.ServiceName, StringComparer.CurrentCulture)
            .ToList();
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}

/// <summary>Who may see a request: the sending professional and the receiving structure's members; nobody else (the coordinator sees counts only).</summary>
public static class ReferralAccess
{
    public static async Task<bool> IsMemberAsync(ReperesDbContext db, string userId, int structureId, CancellationToken cancellationToken) =>
        await db.Memberships.AnyAsync(m => m.UserId == userId && m.StructureId == structureId, cancellationToken);

    /// <summary>The viewer's relation to a request: sender, member (who may answer), or none (404).</summary>
    public static async Task<ReferralViewer> ViewerAsync(ReperesDbContext db, Referral referral, string userId, CancellationToken cancellationToken)
    {
        if (referral.IsErased)
        {
            return ReferralViewer.None;
        }

        if (await IsMemberAsync(db, userId, referral.StructureId, cancellationToken))
        {
            return ReferralViewer.Member;
        }

        return referral.SenderId == userId ? ReferralViewer.Sender : ReferralViewer.None;
    }
}

public enum ReferralViewer
{
    None = 0,
    Sender = 1,
    Member = 2,
}
