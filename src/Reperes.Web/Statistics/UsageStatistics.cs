using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Communes;

namespace Reperes.Web.Statistics;

/// <summary>
/// What the network's counts say over a period, as tables (each drawn as a chart, laid out as a table and written as a
/// CSV). Monthly figures come from <see cref="UsageTotals"/> (the same before and after a month is folded); weeks and
/// hours of the week exist only for the raw events of the last months.
/// </summary>
public sealed class UsageStatistics(ReperesDbContext db, GuideCatalog catalog, FrenchCommunes communes, IStringLocalizer<SharedResource> l)
{
    public const string NeedsByWeek = "besoins-semaines";
    public const string Communes = "communes";
    public const string Hours = "heures";
    public const string Places = "lieux";
    public const string Orientations = "orientations";
    public const string ApiAndExports = "api-exports";
    public const string Activity = "activite";

    /// <summary>The tables a CSV may be asked for (the unmet needs' own is <see cref="UnmetNeeds.Code"/>).</summary>
    public static readonly IReadOnlyList<string> Codes = [NeedsByWeek, Communes, Hours, Places, Orientations, ApiAndExports, Activity];

    /// <summary>Places listed by the places most consulted.</summary>
    public const int PlacesListed = 30;

    /// <summary>The kinds in the order the activity table gives them.</summary>
    public static readonly IReadOnlyList<UsageKind> ActivityKinds = Enum.GetValues<UsageKind>();

    private static CultureInfo Culture => CultureInfo.CurrentUICulture;

    public Task<StatisticsTable> TableAsync(string code, StatisticsPeriod period, CancellationToken cancellationToken) => code switch
    {
        NeedsByWeek => SearchesByNeedAndWeekAsync(period, cancellationToken),
        Communes => SearchesByCommuneAsync(period, cancellationToken),
        Hours => SearchesByHourAsync(period, cancellationToken),
        Places => PlacesMostConsultedAsync(period, cancellationToken),
        Orientations => OrientationsByNeedAsync(period, cancellationToken),
        ApiAndExports => ApiAndExportsAsync(period, cancellationToken),
        Activity => ActivityByMonthAsync(period, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };

    /// <summary>The name of a kind as the tables head it.</summary>
    public string KindName(UsageKind kind) => kind switch
    {
        UsageKind.Search => l["Recherches"],
        UsageKind.SheetView => l["Fiches lues"],
        UsageKind.Call => l["Appels"],
        UsageKind.Directions => l["Itinéraires"],
        UsageKind.Website => l["Sites web"],
        UsageKind.Email => l["Courriels"],
        UsageKind.Slip => l["Fiches d’orientation"],
        UsageKind.SlipPlace => l["Lieux sur une fiche d’orientation"],
        UsageKind.Referral => l["Adressages"],
        UsageKind.Api => l["Appels de l’API"],
        UsageKind.Export => l["Téléchargements d’exports et de flux"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Searches by need, week by week (Monday to Sunday) over the days of the period that still have their raw events.</summary>
    public async Task<StatisticsTable> SearchesByNeedAndWeekAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var needs = catalog.Needs;
        var columns = needs.Select(n => n.Name(Culture)).Append(l["Besoin non précisé"].Value).ToList();
        var (first, last) = (period.FirstDay, period.LastDay);
        var days = await db.UsageEvents.AsNoTracking()
            .Where(e => e.Kind == UsageKind.Search && e.Day >= first && e.Day <= last)
            .GroupBy(e => new { e.Day, e.NeedCode, e.CategoryCode })
            .Select(g => new { g.Key.Day, g.Key.NeedCode, g.Key.CategoryCode, Count = g.Count() })
            .ToListAsync(cancellationToken);
        if (days.Count == 0)
        {
            return new StatisticsTable(NeedsByWeek, l["Semaine du"], columns, []);
        }

        // From the first week with a search to the period's last week: a quiet week shows as zeros, not as nothing.
        var byWeek = new SortedDictionary<DateOnly, int[]>();
        for (var week = Monday(days.Min(d => d.Day)); week <= last; week = week.AddDays(7))
        {
            byWeek[week] = new int[columns.Count];
        }

        foreach (var day in days)
        {
            byWeek[Monday(day.Day)][NeedColumn(needs, day.NeedCode, day.CategoryCode)] += day.Count;
        }

        return new StatisticsTable(NeedsByWeek, l["Semaine du"], columns, byWeek.Select(w => new StatisticsRow(w.Key.ToString("d MMM yyyy", Culture), w.Value, w.Key)).ToList());
    }

    /// <summary>Searches by commune searched in, the most searched first; the searches without a commune last.</summary>
    public async Task<StatisticsTable> SearchesByCommuneAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var totals = await UsageTotals.MonthlyAsync(db, [UsageKind.Search], period.FromMonth, period.ToMonth, UsageDimensions.Commune, null, cancellationToken);
        var byCommune = totals.GroupBy(t => t.Commune).ToDictionary(g => g.Key, g => g.Sum(t => t.Total), StringComparer.Ordinal);
        var rows = byCommune
            .Where(c => c.Key.Length > 0)
            .Select(c => (Name: CommuneName(c.Key), Count: c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Create(Culture, CompareOptions.IgnoreCase))
            .Select(c => new StatisticsRow(c.Name, [c.Count]))
            .ToList();
        if (byCommune.TryGetValue("", out var without))
        {
            rows.Add(new StatisticsRow(l["Commune non précisée"], [without], Apart: true));
        }

        return new StatisticsTable(Communes, l["Commune"], [l["Recherches"]], rows);
    }

    /// <summary>Searches by day of the week and hour (local time), over the days of the period that still have their raw events.</summary>
    public async Task<StatisticsTable> SearchesByHourAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var (first, last) = (period.FirstDay, period.LastDay);
        var hours = await db.UsageEvents.AsNoTracking()
            .Where(e => e.Kind == UsageKind.Search && e.Day >= first && e.Day <= last)
            .GroupBy(e => e.HourOfWeek)
            .Select(g => new { Hour = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var counts = new int[168];
        foreach (var hour in hours.Where(h => h.Hour is >= 0 and < 168))
        {
            counts[hour.Hour] = hour.Count;
        }

        var columns = Enumerable.Range(0, 24).Select(h => l["{0} h", h].Value).ToList();
        var rows = DayNames().Select((name, day) => new StatisticsRow(name, counts.Skip(day * 24).Take(24).ToArray())).ToList();
        return new StatisticsTable(Hours, l["Jour"], columns, hours.Count == 0 ? [] : rows);
    }

    /// <summary>The places whose sheet was read the most, with the taps on their phone, directions, website and e-mail.</summary>
    public async Task<StatisticsTable> PlacesMostConsultedAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        UsageKind[] kinds = [UsageKind.SheetView, .. UsageKinds.Taps];
        var totals = await UsageTotals.MonthlyAsync(db, kinds, period.FromMonth, period.ToMonth, UsageDimensions.Structure, null, cancellationToken);
        var byPlace = totals.Where(t => t.StructureId != 0)
            .GroupBy(t => t.StructureId)
            .Select(g => (Id: g.Key, Counts: kinds.Select(k => g.Where(t => t.Kind == k).Sum(t => t.Total)).ToArray()))
            .OrderByDescending(p => p.Counts[0]).ThenByDescending(p => p.Counts.Sum()).ThenBy(p => p.Id)
            .Take(PlacesListed)
            .ToList();
        var ids = byPlace.Select(p => p.Id).ToList();
        var names = await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var rows = byPlace.Select(p => new StatisticsRow(names.TryGetValue(p.Id, out var name) ? name : l["Structure supprimée (n° {0})", p.Id].Value, p.Counts)).ToList();
        return new StatisticsTable(Places, l["Structure"], kinds.Select(KindName).ToList(), rows);
    }

    /// <summary>Places put on an orientation slip (printed or shared) and referrals sent, by need of the place's service.</summary>
    public async Task<StatisticsTable> OrientationsByNeedAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        UsageKind[] kinds = [UsageKind.SlipPlace, UsageKind.Referral];
        var totals = await UsageTotals.MonthlyAsync(db, kinds, period.FromMonth, period.ToMonth, UsageDimensions.Need | UsageDimensions.Category, null, cancellationToken);
        var needs = catalog.Needs;
        var counts = new int[needs.Count + 1, kinds.Length];
        foreach (var total in totals)
        {
            counts[NeedColumn(needs, total.NeedCode, total.CategoryCode), Array.IndexOf(kinds, total.Kind)] += total.Total;
        }

        var rows = needs.Select((n, i) => new StatisticsRow(n.Name(Culture), [counts[i, 0], counts[i, 1]])).ToList();
        if (counts[needs.Count, 0] + counts[needs.Count, 1] > 0)
        {
            rows.Add(new StatisticsRow(l["Besoin non précisé"], [counts[needs.Count, 0], counts[needs.Count, 1]]));
        }

        return new StatisticsTable(Orientations, l["Besoin"], kinds.Select(KindName).ToList(), totals.Count == 0 ? [] : rows);
    }

    /// <summary>Calls of the JSON API and downloads of exports and feeds, by kind, the most used first.</summary>
    public async Task<StatisticsTable> ApiAndExportsAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        UsageKind[] kinds = [UsageKind.Api, UsageKind.Export];
        var totals = await UsageTotals.MonthlyAsync(db, kinds, period.FromMonth, period.ToMonth, UsageDimensions.Detail, null, cancellationToken);
        var rows = totals
            .GroupBy(t => t.Detail)
            .Select(g => new StatisticsRow(g.Key.Length == 0 ? l["Autre"].Value : g.Key, kinds.Select(k => g.Where(t => t.Kind == k).Sum(t => t.Total)).ToArray()))
            .OrderByDescending(r => r.Total).ThenBy(r => r.Label, StringComparer.Ordinal)
            .ToList();
        return new StatisticsTable(ApiAndExports, l["Sorte"], kinds.Select(KindName).ToList(), rows);
    }

    /// <summary>Every kind counted, month by month.</summary>
    public async Task<StatisticsTable> ActivityByMonthAsync(StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var totals = await UsageTotals.MonthlyAsync(db, ActivityKinds.ToList(), period.FromMonth, period.ToMonth, UsageDimensions.None, null, cancellationToken);
        var rows = period.Months
            .Select(month => new StatisticsRow(month.ToString("MMMM yyyy", Culture), ActivityKinds.Select(k => totals.Where(t => t.Month == month && t.Kind == k).Sum(t => t.Total)).ToArray(), month))
            .ToList();
        return new StatisticsTable(Activity, l["Mois"], ActivityKinds.Select(KindName).ToList(), totals.Count == 0 ? [] : rows);
    }

    /// <summary>The years that hold counts, the latest first (this year always).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var firstRaw = await db.UsageEvents.MinAsync(e => (DateOnly?)e.Month, cancellationToken);
        var firstFolded = await db.UsageMonths.MinAsync(m => (DateOnly?)m.Month, cancellationToken);
        var first = new[] { firstRaw, firstFolded, today }.Where(d => d is not null).Min()!.Value.Year;
        return Enumerable.Range(first, today.Year - first + 1).Reverse().ToList();
    }

    /// <summary>Day names, Monday first.</summary>
    public static IReadOnlyList<string> DayNames() =>
        Enumerable.Range(0, 7).Select(d => Culture.DateTimeFormat.GetDayName((DayOfWeek)((d + 1) % 7))).ToList();

    /// <summary>The column of a need (its position), or the last one for none: the need counted, else the need of the category counted.</summary>
    private int NeedColumn(IReadOnlyList<NeedInfo> needs, string needCode, string categoryCode)
    {
        var code = needCode.Length > 0 ? needCode : catalog.Category(categoryCode)?.NeedCode;
        for (var i = 0; i < needs.Count; i++)
        {
            if (needs[i].Code == code)
            {
                return i;
            }
        }

        return needs.Count;
    }

    private string CommuneName(string code) => communes.ByCode(code)?.Label ?? code;

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
