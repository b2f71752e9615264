using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.OpenData.Agenda;

/// <summary>The network's events, week by week and day by day, by need or by structure; with its iCalendar feed.</summary>
public sealed class AgendaModel(ReperesDbContext db, PublicationFeed feed, GuideCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "semaine")]
    public string? Week { get; set; }

    [BindProperty(SupportsGet = true, Name = "besoin")]
    public string? NeedCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "structure")]
    public string? StructureSlug { get; set; }

    public DateOnly Monday { get; private set; }

    public NeedInfo? Need { get; private set; }

    public string? StructureName { get; private set; }

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public IReadOnlyList<(DateOnly Day, IReadOnlyList<PublicationCard> Events)> Days { get; private set; } = [];

    /// <summary>No week was asked for and this one had no event: the agenda opened on the week of the next one.</summary>
    public bool OpenedOnNextEvent { get; private set; }

    /// <summary>When the week shown is empty: the day of the next event after it, if any.</summary>
    public DateOnly? NextEventDay { get; private set; }

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public async Task<IActionResult> OnGetAsync()
    {
        var today = HoursEvaluator.LocalDate(feed.Now);
        Monday = MondayOf(today);
        if (Week is { Length: > 0 })
        {
            if (!TryParseWeek(Week, out var monday) || Math.Abs(monday.DayNumber - today.DayNumber) > 5 * 366)
            {
                return NotFound();
            }

            Monday = monday;
        }

        Need = catalog.Need(NeedCode);
        if (NeedCode is { Length: > 0 } && Need is null)
        {
            return NotFound();
        }

        int? structureId = null;
        if (StructureSlug is { Length: > 0 })
        {
            var structure = StructureSlug.Length > 200 ? null : await PublicData.Structures(db)
                .Where(s => s.Slug == StructureSlug).Select(s => new { s.Id, s.Name }).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (structure is null)
            {
                return NotFound();
            }

            structureId = structure.Id;
            StructureName = structure.Name;
        }

        await LoadWeekAsync(structureId);
        if (Days.All(d => d.Events.Count == 0))
        {
            // An empty week is no answer: the agenda opens on the next event's week, or says when the next one is.
            var after = ParisTime.ToInstant(Monday.AddDays(7), TimeOnly.MinValue);
            var next = await PublicationFeed.Filter(feed.Visible(), structureId, Need?.Id)
                .Where(p => p.Kind == PublicationKind.Event && p.StartsAt != null && p.StartsAt >= after)
                .OrderBy(p => p.StartsAt).Select(p => p.StartsAt).FirstOrDefaultAsync(HttpContext.RequestAborted);
            if (next is { } starts)
            {
                var day = DateOnly.FromDateTime(ParisTime.Local(starts));
                if (Week is not { Length: > 0 } && day.DayNumber - today.DayNumber <= 5 * 366)
                {
                    Monday = MondayOf(day);
                    OpenedOnNextEvent = true;
                    await LoadWeekAsync(structureId);
                }
                else
                {
                    NextEventDay = day;
                }
            }
        }

        return Page();
    }

    /// <summary>The events of the week from <see cref="Monday"/>, day by day.</summary>
    private async Task LoadWeekAsync(int? structureId)
    {
        var from = ParisTime.ToInstant(Monday, TimeOnly.MinValue);
        var to = ParisTime.ToInstant(Monday.AddDays(7), TimeOnly.MinValue);
        var events = await PublicationFeed.Project(PublicationFeed.Filter(feed.Visible(), structureId, Need?.Id)
                .Where(p => p.Kind == PublicationKind.Event && p.StartsAt != null && p.StartsAt < to && (p.EndsAt ?? p.StartsAt) >= from)
                .OrderBy(p => p.StartsAt).ThenBy(p => p.Id).Take(500))
            .ToListAsync(HttpContext.RequestAborted);

        // An event over several days is listed on each of its days of the week.
        Days = Enumerable.Range(0, 7).Select(i => Monday.AddDays(i))
            .Select(day => (day, (IReadOnlyList<PublicationCard>)events.Where(e =>
                DateOnly.FromDateTime(ParisTime.Local(e.StartsAt!.Value)) <= day
                && day <= DateOnly.FromDateTime(ParisTime.Local(e.EndsAt ?? e.StartsAt!.Value))).ToList()))
            .ToList();
    }

    public static string WeekCode(DateOnly monday) =>
        $"{ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(monday.ToDateTime(TimeOnly.MinValue)):00}";

    public string Link(DateOnly monday)
    {
        var query = new Dictionary<string, string?> { ["semaine"] = WeekCode(monday), ["besoin"] = Need?.Code, ["structure"] = StructureName is null ? null : StructureSlug };
        return "/agenda" + QueryString.Create(query.Where(q => q.Value is not null));
    }

    public string CalendarFeed => StructureName is not null ? $"/structure/{StructureSlug}/agenda.ics" : Need is not null ? $"/besoin/{Need.Code}/agenda.ics" : "/agenda.ics";

    private static bool TryParseWeek(string value, out DateOnly monday)
    {
        monday = default;
        var parts = value.Split("-W");
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year is < 2000 or > 2100 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
        return true;
    }
}
