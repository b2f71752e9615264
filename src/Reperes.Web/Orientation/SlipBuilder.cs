using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Guide.Print;

namespace Reperes.Web.Orientation;

/// <summary>A service of a place on the slip, and whether it is chosen.</summary>
public sealed record SlipServiceChoice(int Id, string Name, string Category, bool Chosen);

/// <summary>Seven days from today in words for some of the chosen services (null: the reception's own hours).</summary>
public sealed record SlipWeek(IReadOnlyList<string>? ServiceNames, IReadOnlyList<WeekDay> Days);

/// <summary>
/// A place as the slip shows it, now: the printed guide's place (contacts, notices in force or coming, who each
/// service is for, conditions, the QR code of its sheet) limited to the chosen services, their seven days, and the
/// way there.
/// </summary>
public sealed record SlipPlaceView(
    PrintedPlace Place,
    IReadOnlyList<SlipServiceChoice> Choices,
    IReadOnlyList<SlipWeek> Weeks,
    string? DirectionsUrl,
    string? PhoneForText);

/// <summary>The slip's places as they are at <see cref="Now"/>; <see cref="Missing"/> places are no longer in the guide.</summary>
public sealed record SlipView(IReadOnlyList<SlipPlaceView> Places, string Note, int Missing, DateTimeOffset Now, DateOnly Today);

/// <summary>
/// Builds a slip from what was chosen, with the core's open states and week days and the printed guide's places:
/// hours, notices and conditions are those of now, whenever the slip was made.
/// </summary>
public sealed class SlipBuilder(ReperesDbContext db, OpenStates openStates, PrintedGuide printedGuide)
{
    public async Task<SlipView> BuildAsync(SlipSelection selection, DateTimeOffset now, string baseUrl, CultureInfo culture, CancellationToken cancellationToken)
    {
        var today = HoursEvaluator.LocalDate(now);
        var ids = selection.Places.Select(p => p.StructureId).ToList();
        var structures = ids.Count == 0
            ? []
            : await PublicData.Structures(db)
                .Where(s => ids.Contains(s.Id))
                .Include(s => s.Services).ThenInclude(v => v.Category).ThenInclude(c => c.Need)
                .Include(s => s.Notices.Where(n => n.EndsOn >= today))
                .AsSplitQuery()
                .ToDictionaryAsync(s => s.Id, cancellationToken);

        var places = new List<SlipPlaceView>();
        foreach (var chosen in selection.Places)
        {
            if (structures.TryGetValue(chosen.StructureId, out var structure))
            {
                places.Add(Place(structure, chosen, now, today, baseUrl, culture));
            }
        }

        return new SlipView(places, selection.Note, selection.Places.Count - places.Count, now, today);
    }

    private SlipPlaceView Place(Structure structure, SlipPlace chosen, DateTimeOffset now, DateOnly today, string baseUrl, CultureInfo culture)
    {
        var services = structure.Services
            .OrderBy(v => v.Category.Need.Position).ThenBy(v => v.Category.Position).ThenBy(v => v.Id)
            .ToList();
        var chosenIds = chosen.ServiceIds.Where(id => services.Any(v => v.Id == id)).ToHashSet();
        var chosenServices = services.Where(v => chosenIds.Contains(v.Id)).ToList();

        // The chosen services' categories are the question: the printed place then holds those services' hours,
        // notices and conditions. None chosen: the whole place, as its sheet prints.
        var scope = chosenServices.Select(v => v.CategoryId).Distinct().ToList();
        var printed = printedGuide.Place(structure, scope, now, baseUrl, culture);
        if (chosenIds.Count > 0)
        {
            printed = printed with { Services = printed.Services.Where(v => chosenIds.Contains(v.Id)).ToList() };
        }

        var notices = structure.Notices.Select(NoticeInfo.Of).ToList();
        var hours = PlaceHours.Of(structure, notices);
        var weeks = chosenServices.Count == 0
            ? [new SlipWeek(null, openStates.Week(hours, null, today))]
            : chosenServices
                .Select(v => (v.Name, Days: openStates.Week(hours, ServiceHours.Of(v), today)))
                .GroupBy(w => WeekKey(w.Days))
                .Select(g => new SlipWeek(g.Select(w => w.Name).ToList(), g.First().Days))
                .ToList();

        var choices = services
            .Select(v => new SlipServiceChoice(v.Id, v.Name, Core.Taxonomy.TaxonomyNames.Category(v.Category.Code, v.Category.NameFr, v.Category.NameEn, culture), chosenIds.Contains(v.Id)))
            .ToList();
        var directions = structure is { Latitude: { } lat, Longitude: { } lon, Street: not null }
            ? string.Create(CultureInfo.InvariantCulture, $"https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}")
            : null;
        return new SlipPlaceView(printed, choices, weeks, directions, structure.PhoneList.FirstOrDefault());
    }

    /// <summary>Two services with the same seven days are shown once, under both names.</summary>
    private static string WeekKey(IReadOnlyList<WeekDay> days) =>
        string.Join('|', days.Select(d => d.Ranges is null
            ? "?"
            : $"{d.Notice?.Kind}{d.Notice?.Text}:{string.Join(',', d.Ranges.Select(r => $"{r.Start}-{r.End}-{r.Status}-{r.Comment}"))}"));
}
