using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
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

    /// <summary>
    /// The regular week of a structure, in one line, as the paper guide prints it: the hours of the service its state is
    /// about (an evening street round rather than the office), else the structure's.
    /// </summary>
    public string WeekSummary(SearchHit hit)
    {
        var week = hours.CompactWeek(hit.Open.About?.OpeningHours ?? openingHours.GetValueOrDefault(hit.Id), HoursEvaluator.LocalDate(Now), CultureInfo.CurrentUICulture);
        return week switch
        {
            null => Localizer["Horaires non renseignés"],
            "" => Localizer["Fermé cette semaine"],
            _ => week,
        };
    }
}
