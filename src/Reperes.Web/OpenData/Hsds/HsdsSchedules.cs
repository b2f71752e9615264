using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>One weekly recurrence: the days (iCalendar BYDAY) and the local times of one opening.</summary>
public sealed record WeeklyOpening(string Byday, string OpensAt, string ClosesAt);

/// <summary>
/// Opening hours as HSDS sees them: weekly recurrences when the OpenStreetMap expression is exactly a weekly pattern,
/// otherwise none, and the expression in words. Never approximate: hours that weekly rules cannot say exactly
/// (dates, holidays open, weeks, overnight openings…) are given as text, not as rules that would be wrong some days.
/// </summary>
public sealed record HoursDescription(IReadOnlyList<WeeklyOpening> Openings, string? Description, string? Notes);

public static class HsdsSchedules
{
    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

    /// <summary>Null when the hours are unknown (no expression): HSDS then gets no schedule at all.</summary>
    public static HoursDescription? Describe(string? openingHours, string? details, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(openingHours))
        {
            return string.IsNullOrWhiteSpace(details) ? null : new HoursDescription([], details.Trim(), null);
        }

        var notes = new List<string>();
        if (!WeeklyHoursGrid.TryFromOpeningHours(openingHours, out var grid) || grid is null || grid.Days.Any(d => d.Any(Overnight)))
        {
            notes.Add(l["Ces horaires ne se résument pas à des règles hebdomadaires : ils sont donnés dans la syntaxe OpenStreetMap opening_hours, en heure locale (Europe/Paris)."]);
            AddDetails(notes, details);
            return new HoursDescription([], l["Horaires : {0}", openingHours.Trim()], Join(notes));
        }

        var openings = new List<WeeklyOpening>();
        var slots = grid.Days.SelectMany(d => d).Distinct().OrderBy(s => s.Start).ThenBy(s => s.End);
        foreach (var slot in slots)
        {
            var days = Enumerable.Range(0, 7).Where(d => grid.Days[d].Contains(slot)).ToList();
            openings.Add(new WeeklyOpening(string.Join(',', days.Select(d => DayCodes[d])), Time(slot.Start), EndTime(slot)));
        }

        openings = openings.OrderBy(o => Array.IndexOf(DayCodes, o.Byday[..2])).ThenBy(o => o.OpensAt, StringComparer.Ordinal).ToList();
        if (openings.Count == 0)
        {
            AddNote(notes, grid.Note);
            AddDetails(notes, details);
            return new HoursDescription([], l["Fermé"], Join(notes));
        }

        notes.Add(l["Heures locales (Europe/Paris)."]);
        if (grid.ByAppointmentOnly)
        {
            notes.Add(l["Sur rendez-vous uniquement."]);
        }

        AddNote(notes, grid.Note);
        if (grid.ClosedOnPublicHolidays)
        {
            notes.Add(l["Fermé les jours fériés."]);
        }

        AddDetails(notes, details);
        return new HoursDescription(openings, null, Join(notes));
    }

    /// <summary>The HSDS schedules of one owner (a service, a location or a service at a location).</summary>
    public static IReadOnlyList<HsdsSchedule>? Schedules(HoursDescription? hours, Guid owner, Guid? serviceId = null, Guid? locationId = null, Guid? serviceAtLocationId = null)
    {
        if (hours is null)
        {
            return null;
        }

        if (hours.Openings.Count == 0)
        {
            return [new HsdsSchedule(HsdsIds.Of(owner, "schedule:text"), serviceId, locationId, serviceAtLocationId, null, null, null, null, null, hours.Description, hours.Notes)];
        }

        return hours.Openings.Select(o => new HsdsSchedule(
                HsdsIds.Of(owner, $"schedule:{o.Byday}:{o.OpensAt}-{o.ClosesAt}"),
                serviceId,
                locationId,
                serviceAtLocationId,
                "WEEKLY",
                "MO",
                o.Byday,
                o.OpensAt,
                o.ClosesAt,
                hours.Description,
                hours.Notes))
            .ToList();
    }

    /// <summary>A slot ending before it starts runs past midnight: weekly rules of one day cannot say it.</summary>
    private static bool Overnight(TimeRangeSlot slot) => slot.End != TimeOnly.MinValue && slot.End <= slot.Start;

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Midnight as an end is the end of the day, written 24:00 as ISO 8601 allows.</summary>
    private static string EndTime(TimeRangeSlot slot) => slot.End == TimeOnly.MinValue ? "24:00" : Time(slot.End);

    private static void AddNote(List<string> notes, string? note)
    {
        if (!string.IsNullOrWhiteSpace(note))
        {
            notes.Add(note.Trim());
        }
    }

    private static void AddDetails(List<string> notes, string? details) => AddNote(notes, details);

    private static string? Join(List<string> notes) => notes.Count == 0 ? null : string.Join(' ', notes);
}
