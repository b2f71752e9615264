using System.Globalization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Core.Publications;

/// <summary>When an event happens, written as one says it ("mardi 1 décembre 2026, 14:00 – 17:00").</summary>
public static class EventText
{
    public static string When(DateTimeOffset starts, DateTimeOffset? ends, CultureInfo culture)
    {
        var start = ParisTime.Local(starts);
        var day = start.ToString("dddd d MMMM yyyy", culture);
        var startTime = start.TimeOfDay == TimeSpan.Zero ? null : start.ToString("HH:mm", culture);
        if (ends is not { } e)
        {
            return startTime is null ? day : $"{day}, {startTime}";
        }

        var end = ParisTime.Local(e);
        if (end.Date == start.Date)
        {
            return startTime is null ? day : $"{day}, {startTime} – {end:HH:mm}";
        }

        var endText = end.ToString("dddd d MMMM yyyy", culture);
        return startTime is null ? $"{day} – {endText}" : $"{day} {startTime} – {endText} {end.ToString("HH:mm", culture)}";
    }

    /// <summary>
    /// Whether an event's place already says who organises it ("Halte Accueil Frédéric Ozanam", or that name followed
    /// by the street): an event line then names it once, as its place.
    /// </summary>
    public static bool PlaceNamesOrganiser(string? place, string? organiser)
    {
        if (place is null || organiser is null)
        {
            return false;
        }

        var placeKey = Core.Text.FrenchOrder.Key(place);
        var organiserKey = Core.Text.FrenchOrder.Key(organiser);
        return organiserKey.Length > 0 && (placeKey == organiserKey || placeKey.StartsWith(organiserKey + " ", StringComparison.Ordinal));
    }
}
