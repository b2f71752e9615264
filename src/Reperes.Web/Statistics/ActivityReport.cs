using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Freshness.Dashboard;
using Reperes.Web.Orientation.DigitalScreening;

namespace Reperes.Web.Statistics;

/// <summary>The guide's coverage today, as the freshness dashboard counts it.</summary>
/// <param name="ByState">Online structures by <see cref="FreshnessState"/>, in its order.</param>
public sealed record GuideCoverage(int Online, int AllStructures, int Services, int Communes, int[] ByState, StatisticsTable ByNeed);

/// <summary>The digital-inclusion orientations of a year: questionnaires "Le numérique et moi" and searches of the internet places.</summary>
public sealed record DigitalOrientations(int Questionnaires, StatisticsTable Helps, int InternetSearches);

/// <summary>Everything the yearly report says, computed once.</summary>
public sealed record ActivityReportData(
    StatisticsPeriod Period,
    DateTimeOffset PrintedAt,
    GuideCoverage Coverage,
    StatisticsTable Activity,
    StatisticsTable SearchesByNeed,
    StatisticsTable Communes,
    IReadOnlyList<UnmetLine> Unmet,
    StatisticsTable Orientations,
    DigitalOrientations Digital);

/// <summary>
/// The network's yearly activity report for its funders: the guide's coverage (read by the freshness dashboard's own
/// pass over the structures), its use over the year, the top unmet needs and the digital-inclusion orientations.
/// </summary>
public sealed class ActivityReport(
    ReperesDbContext db,
    DashboardData dashboard,
    GuideCatalog catalog,
    UsageStatistics statistics,
    UnmetNeeds unmetNeeds,
    ScreeningRules screeningRules,
    IStringLocalizer<SharedResource> l)
{
    /// <summary>The <see cref="UsageFact.Detail"/> of a search made on "Où aller sur internet ?" (/internet).</summary>
    public const string InternetSearch = "internet";

    public const int TopUnmet = 10;

    public const int TopCommunes = 10;

    public async Task<ActivityReportData> ForAsync(StatisticsPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var coverage = await CoverageAsync(now, cancellationToken);
        var activity = await statistics.ActivityByMonthAsync(period, cancellationToken);
        var byNeed = await SearchesByNeedAsync(period, cancellationToken);
        var communes = await statistics.SearchesByCommuneAsync(period, cancellationToken);
        communes = communes with { Rows = communes.Rows.Where(r => !r.Apart).Take(TopCommunes).ToList() };
        var unmet = (await unmetNeeds.LinesAsync(period, cancellationToken)).Take(TopUnmet).ToList();
        var orientations = await statistics.OrientationsByNeedAsync(period, cancellationToken);
        var digital = await DigitalAsync(period, cancellationToken);
        return new ActivityReportData(period, now, coverage, activity, byNeed, communes, unmet, orientations, digital);
    }

    /// <summary>Online structures and their freshness by the dashboard's own reading, their services and communes, by need.</summary>
    private async Task<GuideCoverage> CoverageAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var needs = catalog.Needs;
        var byState = new int[Enum.GetValues<FreshnessState>().Length];
        var byNeed = needs.ToDictionary(n => n.Id, _ => 0);
        int online = 0, all = 0;
        foreach (var s in (await dashboard.ReadAsync(now, cancellationToken)).Structures(now))
        {
            all++;
            if (s.Status != StructureStatus.Online)
            {
                continue;
            }

            online++;
            byState[(int)s.State]++;
            foreach (var need in s.NeedIds.Distinct())
            {
                if (byNeed.ContainsKey(need))
                {
                    byNeed[need]++;
                }
            }
        }

        var services = await db.Services.CountAsync(v => v.Structure.Status == StructureStatus.Online, cancellationToken);
        var communes = await db.Structures.Where(s => s.Status == StructureStatus.Online && s.CommuneCode != null && s.CommuneCode != "").Select(s => s.CommuneCode).Distinct().CountAsync(cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        var table = new StatisticsTable("couverture", l["Besoin"], [l["Structures en ligne"]], needs.Select(n => new StatisticsRow(n.Name(culture), [byNeed[n.Id]])).ToList());
        return new GuideCoverage(online, all, services, communes, byState, table);
    }

    /// <summary>The year's searches by need (monthly totals: the same after the months are folded).</summary>
    private async Task<StatisticsTable> SearchesByNeedAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var totals = await UsageTotals.MonthlyAsync(db, [UsageKind.Search], period.FromMonth, period.ToMonth, UsageDimensions.Need | UsageDimensions.Category, null, cancellationToken);
        var culture = CultureInfo.CurrentUICulture;
        var needs = catalog.Needs;
        var counts = new int[needs.Count + 1];
        foreach (var total in totals)
        {
            var code = total.NeedCode.Length > 0 ? total.NeedCode : catalog.Category(total.CategoryCode)?.NeedCode;
            var index = needs.ToList().FindIndex(n => n.Code == code);
            counts[index < 0 ? needs.Count : index] += total.Total;
        }

        var rows = needs.Select((n, i) => new StatisticsRow(n.Name(culture), [counts[i]])).ToList();
        rows.Add(new StatisticsRow(l["Besoin non précisé (mots seuls)"], [counts[needs.Count]]));
        return new StatisticsTable("recherches-besoins", l["Besoin"], [l["Recherches"]], rows);
    }

    /// <summary>Questionnaires ended and helps given (counted only with the person's agreement), and searches of the internet places.</summary>
    private async Task<DigitalOrientations> DigitalAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        var counts = await db.ScreeningCounts.AsNoTracking()
            .Where(c => c.Day >= first && c.Day <= last && (c.Question == ScreeningCount.Completed || c.Question == ScreeningCount.Help))
            .GroupBy(c => new { c.Question, c.Answer })
            .Select(g => new { g.Key.Question, g.Key.Answer, Total = g.Sum(c => c.Total) })
            .ToListAsync(cancellationToken);
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var helps = counts.Where(c => c.Question == ScreeningCount.Help)
            .Select(c => new StatisticsRow(screeningRules.Rules.FirstOrDefault(r => r.Code == c.Answer) is { } rule ? (english ? rule.Title.En : rule.Title.Fr) : c.Answer, [c.Total]))
            .OrderByDescending(r => r.Total).ThenBy(r => r.Label, StringComparer.CurrentCulture)
            .ToList();
        // Searches of places to get online: on "Où aller sur internet ?" (when counted with its detail) or for one of
        // the two digital categories, wherever they were made.
        var internet = (await UsageTotals.MonthlyAsync(db, [UsageKind.Search], period.FromMonth, period.ToMonth, UsageDimensions.Detail | UsageDimensions.Category, null, cancellationToken))
            .Where(t => t.Detail == InternetSearch || DigitalMediation.IsDigitalCategory(t.CategoryCode)).Sum(t => t.Total);
        return new DigitalOrientations(
            counts.Where(c => c.Question == ScreeningCount.Completed).Sum(c => c.Total),
            new StatisticsTable("numerique", l["Aide proposée"], [l["Questionnaires"]], helps),
            internet);
    }
}
