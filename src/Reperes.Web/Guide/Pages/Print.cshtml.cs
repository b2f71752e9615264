using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;
using Reperes.Web.Data;
using Reperes.Web.Guide.Hours;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

/// <summary>The paper guide: the essential facts of each structure of a need or a search, in a print layout.</summary>
public sealed class PrintModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, ReperesDbContext db, HoursEvaluator hours)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public const int MaxEntries = 500;

    private Dictionary<int, string?> openingHours = [];

    public async Task OnGetAsync()
    {
        Search.PageSize = MaxEntries.ToString(CultureInfo.InvariantCulture);
        Search.Page = null;
        if (Search.HasCriteria && await RunSearchAsync(MaxEntries) && Result is not null)
        {
            var ids = Result.Hits.Select(h => h.Id).ToList();
            openingHours = await db.Structures.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.OpeningHours, HttpContext.RequestAborted);
        }
    }

    /// <summary>A compact week ("lun. 09:00–12:00 · mar. …") as the paper guide prints it.</summary>
    public string WeekSummary(int structureId)
    {
        var culture = CultureInfo.CurrentUICulture;
        var schedule = hours.Schedule(openingHours.GetValueOrDefault(structureId));
        if (schedule is null)
        {
            return Localizer["Horaires non renseignés"];
        }

        // A week without holidays, so that the printed hours are the regular ones.
        var monday = HoursEvaluator.LocalDate(Now);
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        var days = OpeningHoursText.Week(schedule, monday);
        var parts = days.Where(d => d.Ranges.Count > 0)
            .Select(d => d.Date.ToString("ddd", culture) + " " + string.Join(", ", d.Ranges.Select(r => r.Start.ToString("HH:mm", culture) + "–" + (r.End?.ToString("HH:mm", culture) ?? "24:00"))));
        var text = string.Join(" · ", parts);
        return text.Length == 0 ? Localizer["Fermé cette semaine"] : text;
    }
}
