using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>
/// One iCalendar recurrence of an opening: WEEKLY on days ("MO,TU"), or MONTHLY on the nth weekdays ("1MO,-1FR").
/// </summary>
public sealed record Recurrence(string Freq, string Byday, string OpensAt, string ClosesAt);

/// <summary>
/// Opening hours as HSDS sees them: recurrences when they say exactly what the OpenStreetMap expression says,
/// otherwise none, and the expression as text. Never approximate: hours that such rules cannot say exactly
/// (seasons, dates, exceptions, overnight openings…) are given as text, not as rules that would be wrong some days.
/// </summary>
public sealed record HoursDescription(IReadOnlyList<Recurrence> Openings, string? Description, string? Notes);

public static partial class HsdsSchedules
{
    private static readonly string[] DayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
    private static readonly string[] OsmDays = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    /// <summary>The year over which rules are checked against the reference evaluator (every weekday of every month, every holiday).</summary>
    private static readonly DateOnly CheckFrom = new(2027, 1, 4);
    private static readonly DateOnly CheckTo = new(2028, 1, 3);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Expressions already translated (they repeat a lot: one check per expression and process).</summary>
    private static readonly ConcurrentDictionary<string, Translation?> Translations = new(StringComparer.Ordinal);

    /// <summary>Null when the hours are unknown (no expression): HSDS then gets no schedule at all.</summary>
    public static HoursDescription? Describe(string? openingHours, string? details, IStringLocalizer l)
    {
        if (string.IsNullOrWhiteSpace(openingHours))
        {
            return string.IsNullOrWhiteSpace(details) ? null : new HoursDescription([], details.Trim(), null);
        }

        var value = openingHours.Trim();
        if (Translations.Count > 10_000)
        {
            Translations.Clear();
        }

        var notes = new List<string>();
        if (Translations.GetOrAdd(value, Translate) is not { } translation)
        {
            notes.Add(l["Ces horaires ne se résument pas à des règles hebdomadaires ou mensuelles : ils sont donnés dans la syntaxe OpenStreetMap opening_hours, en heure locale (Europe/Paris)."]);
            AddNote(notes, details);
            return new HoursDescription([], l["Horaires : {0}", value], Join(notes));
        }

        if (translation.Openings.Count == 0)
        {
            AddNote(notes, translation.Comment);
            AddNote(notes, details);
            return new HoursDescription([], l["Fermé"], Join(notes));
        }

        notes.Add(l["Heures locales (Europe/Paris)."]);
        if (translation.ByAppointment)
        {
            notes.Add(l["Sur rendez-vous uniquement."]);
        }

        if (!string.Equals(translation.Comment, WeeklyHoursGrid.AppointmentComment, StringComparison.OrdinalIgnoreCase))
        {
            AddNote(notes, translation.Comment);
        }

        if (translation.ClosedOnPublicHolidays)
        {
            notes.Add(l["Fermé les jours fériés."]);
        }

        AddNote(notes, details);
        return new HoursDescription(translation.Openings, null, Join(notes));
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
                HsdsIds.Of(owner, $"schedule:{o.Freq}:{o.Byday}:{o.OpensAt}-{o.ClosesAt}"),
                serviceId,
                locationId,
                serviceAtLocationId,
                o.Freq,
                "MO",
                o.Byday,
                o.OpensAt,
                o.ClosesAt,
                hours.Description,
                hours.Notes))
            .ToList();
    }

    private sealed record Translation(IReadOnlyList<Recurrence> Openings, bool ClosedOnPublicHolidays, bool ByAppointment, string? Comment);

    /// <summary>Reads the expression as recurrences, then keeps them only if they open exactly when the reference evaluator does.</summary>
    private static Translation? Translate(string value)
    {
        if (!OpeningHoursSchedule.TryParse(value, out var schedule, out _) || schedule is null)
        {
            return null;
        }

        var candidate = Read(value);
        return candidate is not null && SameOpenings(candidate, schedule) ? candidate : null;
    }

    /// <summary>
    /// The simple forms: "24/7", weekly rules (those of the hours editor, a later rule replacing earlier ones on its
    /// days), rules on the nth weekdays of the month ("We[2,4] 09:30-12:00"), one shared comment, a final "PH off".
    /// </summary>
    private static Translation? Read(string value)
    {
        if (value == "24/7")
        {
            return new Translation([new Recurrence("WEEKLY", string.Join(',', DayCodes), "00:00", "24:00")], false, false, null);
        }

        if (WeeklyHoursGrid.TryFromOpeningHours(value, out var grid) && grid is not null)
        {
            var weekly = new List<Recurrence>();
            foreach (var slot in grid.Days.SelectMany(d => d).Distinct().OrderBy(s => s.Start).ThenBy(s => s.End))
            {
                var days = Enumerable.Range(0, 7).Where(d => grid.Days[d].Contains(slot)).ToList();
                weekly.Add(new Recurrence("WEEKLY", string.Join(',', days.Select(d => DayCodes[d])), Time(slot.Start), EndTime(slot.End)));
            }

            var comment = grid.ByAppointmentOnly ? grid.Note ?? WeeklyHoursGrid.AppointmentComment : grid.Note;
            return new Translation(Ordered(weekly), grid.ClosedOnPublicHolidays, grid.ByAppointmentOnly, comment);
        }

        // Rules on the nth weekdays of the month, possibly after weekly ones that never fall on the same days.
        var rules = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var closedOnHolidays = rules.Length > 1 && rules[^1] == "PH off";
        var openings = new List<Recurrence>();
        string? shared = null;
        bool? unknown = null;
        foreach (var rule in closedOnHolidays ? rules[..^1] : rules)
        {
            var match = RuleSyntax().Match(rule);
            if (!match.Success)
            {
                return null;
            }

            var comment = match.Groups["comment"].Success ? match.Groups["comment"].Value : null;
            var ruleUnknown = comment is not null && !match.Groups["open"].Success;
            if ((shared is not null || unknown is not null) && (shared != comment || unknown != ruleUnknown))
            {
                return null;
            }

            shared = comment;
            unknown = ruleUnknown;
            var days = Days(match.Groups["days"].Value);
            var nth = match.Groups["nth"].Success ? match.Groups["nth"].Value.Split(',') : null;
            var byday = nth is null
                ? string.Join(',', days.Select(d => DayCodes[d]))
                : string.Join(',', days.SelectMany(d => nth.Select(n => n + DayCodes[d])));
            foreach (Match range in TimeRange().Matches(match.Groups["ranges"].Value))
            {
                openings.Add(new Recurrence(nth is null ? "WEEKLY" : "MONTHLY", byday, range.Groups["from"].Value, range.Groups["to"].Value));
            }
        }

        return openings.Count == 0 ? null : new Translation(Ordered(openings), closedOnHolidays, unknown == true, shared);
    }

    /// <summary>Whether the recurrences open exactly when the evaluator does, over a whole year (holidays aside when closed then).</summary>
    private static bool SameOpenings(Translation translation, OpeningHoursSchedule schedule)
    {
        var from = new DateTimeOffset(CheckFrom.ToDateTime(TimeOnly.MinValue), Paris.GetUtcOffset(CheckFrom.ToDateTime(TimeOnly.MinValue)));
        var to = new DateTimeOffset(CheckTo.ToDateTime(TimeOnly.MinValue), Paris.GetUtcOffset(CheckTo.ToDateTime(TimeOnly.MinValue)));
        var reference = schedule.GetIntervals(from, to);
        var expectedStatus = translation.ByAppointment ? OpeningStatus.Unknown : OpeningStatus.Open;
        if (reference.Any(i => i.Status != expectedStatus || i.Comment != translation.Comment))
        {
            return false;
        }

        var spans = new List<(DateTime Start, DateTime End)>();
        for (var day = CheckFrom; day < CheckTo; day = day.AddDays(1))
        {
            if (translation.ClosedOnPublicHolidays && FrenchPublicHolidays.IsHoliday(day, PublicHolidayRegion.FranceMetropolitan))
            {
                continue;
            }

            foreach (var opening in translation.Openings.Where(o => Falls(o, day)).OrderBy(o => o.OpensAt, StringComparer.Ordinal))
            {
                var start = day.ToDateTime(TimeOnly.ParseExact(opening.OpensAt, "HH:mm", CultureInfo.InvariantCulture));
                var end = opening.ClosesAt == "24:00"
                    ? day.AddDays(1).ToDateTime(TimeOnly.MinValue)
                    : day.ToDateTime(TimeOnly.ParseExact(opening.ClosesAt, "HH:mm", CultureInfo.InvariantCulture));
                if (spans.Count > 0 && spans[^1].End >= start)
                {
                    spans[^1] = (spans[^1].Start, end > spans[^1].End ? end : spans[^1].End);
                }
                else
                {
                    spans.Add((start, end));
                }
            }
        }

        return spans.SequenceEqual(reference.Select(i => (i.Start.DateTime, i.End.DateTime)));
    }

    private static bool Falls(Recurrence recurrence, DateOnly day)
    {
        var code = DayCodes[((int)day.DayOfWeek + 6) % 7];
        foreach (var part in recurrence.Byday.Split(','))
        {
            if (!part.EndsWith(code, StringComparison.Ordinal))
            {
                continue;
            }

            if (recurrence.Freq == "WEEKLY")
            {
                return true;
            }

            var n = int.Parse(part[..^2], CultureInfo.InvariantCulture);
            var occurrence = n > 0 ? ((day.Day - 1) / 7) + 1 : -(((DateTime.DaysInMonth(day.Year, day.Month) - day.Day) / 7) + 1);
            if (occurrence == n)
            {
                return true;
            }
        }

        return false;
    }

    private static List<int> Days(string selector)
    {
        var days = new SortedSet<int>();
        foreach (var part in selector.Split(','))
        {
            var bounds = part.Split('-');
            var from = Array.IndexOf(OsmDays, bounds[0]);
            var to = Array.IndexOf(OsmDays, bounds[^1]);
            for (var d = from; ; d = (d + 1) % 7)
            {
                days.Add(d);
                if (d == to)
                {
                    break;
                }
            }
        }

        return [.. days];
    }

    private static List<Recurrence> Ordered(List<Recurrence> openings) => openings
        .OrderBy(o => o.Freq, StringComparer.Ordinal).ThenBy(o => Array.IndexOf(DayCodes, o.Byday.Split(',')[0][^2..]))
        .ThenBy(o => o.OpensAt, StringComparer.Ordinal).ToList();

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Midnight as an end is the end of the day, written 24:00 as ISO 8601 allows.</summary>
    private static string EndTime(TimeOnly end) => end == TimeOnly.MinValue ? "24:00" : Time(end);

    private static void AddNote(List<string> notes, string? note)
    {
        if (!string.IsNullOrWhiteSpace(note))
        {
            notes.Add(note.Trim().TrimEnd('.') + ".");
        }
    }

    private static string? Join(List<string> notes) => notes.Count == 0 ? null : string.Join(' ', notes);

    [GeneratedRegex("""^(?<days>(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*)(?:\[(?<nth>-?[1-5](?:,-?[1-5])*)\])? (?<ranges>(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d(?:,(?:[01]\d|2[0-3]):[0-5]\d-(?:[01]\d|2[0-3]):[0-5]\d)*)(?: (?<open>open))?(?: "(?<comment>[^"]*)")?$""")]
    private static partial Regex RuleSyntax();

    [GeneratedRegex(@"(?<from>\d\d:\d\d)-(?<to>\d\d:\d\d)")]
    private static partial Regex TimeRange();
}
