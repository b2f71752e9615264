using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Freshness.Quality;
using Reperes.Web.Freshness.Reports;

namespace Reperes.Web.Freshness.Dashboard;

public sealed record NeedFreshness(int NeedId, string Name, int[] ByState);

public sealed record PendingInvitation(string Email, string StructureName, string StructureSlug, DateTimeOffset ExpiresAt);

public sealed record CampaignSummary(int Id, string Name, DateOnly StartsOn, DateOnly EndsOn, CampaignCounts Counts);

/// <summary>
/// The coordination's view of the guide's freshness and quality: counts over the online structures, the late ones
/// with the decisions to take, teams without anybody, invitations, moderation, reports and campaigns, and two charts.
/// One pass over the structures' facts kept in memory for the current version of the data (see <see cref="DashboardData"/>).
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class DashboardModel(ReperesDbContext db, DashboardData data, TimeProvider clock) : PageModel
{
    public const int ListLimit = 50;

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    /// <summary>Online structures by <see cref="FreshnessState"/> (its order).</summary>
    public int[] ByState { get; } = new int[4];

    /// <summary>Online structures by <see cref="QualityBand"/> (its order).</summary>
    public int[] ByBand { get; } = new int[3];

    public int Online { get; private set; }

    public int AllStructures { get; private set; }

    public double AverageQuality { get; private set; }

    /// <summary>Online structures overdue or marked unverified, the latest due first (at most <see cref="ListLimit"/>).</summary>
    public IReadOnlyList<StructureFacts> Late { get; private set; } = [];

    public int LateCount { get; private set; }

    /// <summary>Structures (but closed ones) without any member whose account is active.</summary>
    public IReadOnlyList<StructureFacts> WithoutMember { get; private set; } = [];

    public int WithoutMemberCount { get; private set; }

    public IReadOnlyList<PendingInvitation> Invitations { get; private set; } = [];

    public int InvitationCount { get; private set; }

    public int ExpiredInvitationCount { get; private set; }

    public int AwaitingModeration { get; private set; }

    public int OpenReports { get; private set; }

    public int ReportsInProgress { get; private set; }

    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public IReadOnlyList<MonthPoint> History { get; private set; } = [];

    public IReadOnlyList<NeedFreshness> ByNeed { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var needs = await db.Needs.AsNoTracking().OrderBy(n => n.Position).Select(n => new { n.Id, n.NameFr, n.NameEn }).ToListAsync(cancellationToken);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var byNeed = needs.ToDictionary(n => n.Id, n => new NeedFreshness(n.Id, english ? n.NameEn : n.NameFr, new int[4]));
        var view = await data.ReadAsync(Now, cancellationToken);
        var history = new FreshnessHistory(Now, view.Count);
        var late = new PriorityQueue<StructureFacts, DateTimeOffset>(Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a)));
        var withoutMember = new List<StructureFacts>();
        var qualitySum = 0L;

        foreach (var s in view.Structures(Now))
        {
            AllStructures++;
            if (s.Status != StructureStatus.PermanentlyClosed && s.ActiveMembers == 0)
            {
                WithoutMemberCount++;
                if (withoutMember.Count < ListLimit)
                {
                    withoutMember.Add(s);
                }
            }

            if (s.Status != StructureStatus.Online)
            {
                continue;
            }

            Online++;
            ByState[(int)s.State]++;
            ByBand[(int)s.QualityBand]++;
            qualitySum += s.QualityPoints;
            foreach (var need in s.NeedIds)
            {
                if (byNeed.TryGetValue(need, out var row))
                {
                    row.ByState[(int)s.State]++;
                }
            }

            history.Add(s.Id, s.CreatedAt, s.UpdatedAt, s.VerifiedAt, s.FrequencyMonths);
            if (s.State is FreshnessState.Overdue or FreshnessState.Unverified)
            {
                LateCount++;
                late.Enqueue(s, s.DueAt);
                if (late.Count > ListLimit)
                {
                    late.Dequeue();
                }
            }
        }

        AverageQuality = Online == 0 ? 0 : (double)qualitySum / Online;
        var lateList = new List<StructureFacts>(late.Count);
        while (late.Count > 0)
        {
            lateList.Add(late.Dequeue());
        }

        lateList.Reverse();
        Late = lateList;
        WithoutMember = withoutMember;
        ByNeed = byNeed.Values.ToList();
        view.AddEvents(history);
        History = history.Compute();

        var now = Now;
        InvitationCount = await db.Invitations.CountAsync(i => i.AcceptedAt == null && i.ExpiresAt > now, cancellationToken);
        ExpiredInvitationCount = await db.Invitations.CountAsync(i => i.AcceptedAt == null && i.ExpiresAt <= now, cancellationToken);
        Invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.ExpiresAt).Take(20)
            .Select(i => new PendingInvitation(i.Email, i.Structure.Name, i.Structure.Slug, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        AwaitingModeration = await db.Publications.CountAsync(p => p.Status == PublicationStatus.Proposed, cancellationToken);
        OpenReports = await db.SheetReports.CountAsync(r => r.Status == ReportStatus.Open, cancellationToken);
        ReportsInProgress = await db.SheetReports.CountAsync(r => r.Status == ReportStatus.InProgress, cancellationToken);

        var campaigns = await db.Campaigns.AsNoTracking()
            .OrderByDescending(c => c.EndsOn).ThenByDescending(c => c.Id).Take(5)
            .Select(c => new { c.Id, c.Name, c.StartsOn, c.EndsOn })
            .ToListAsync(cancellationToken);
        var counts = await CampaignCounts.OfAsync(db, campaigns.Select(c => c.Id).ToList(), cancellationToken);
        Campaigns = campaigns.Select(c => new CampaignSummary(c.Id, c.Name, c.StartsOn, c.EndsOn, counts[c.Id])).ToList();
    }
}
