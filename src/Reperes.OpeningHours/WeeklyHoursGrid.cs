using System.Globalization;
using System.Text;
using Reperes.OpeningHours.Internal;

namespace Reperes.OpeningHours;

/// <summary>
/// A weekly grid for the hours editor: for each weekday a list of time slots, written as a compact
/// <c>opening_hours</c> string. Days with identical slots are grouped in one rule and groups never share a
/// day, so the "a later rule replaces earlier ones on the days it names" semantics of <c>;</c> cannot drop
/// anything. A slot whose end is not after its start runs past midnight into the next day.
/// </summary>
public sealed class WeeklyHoursGrid
{
    public const string AppointmentComment = "sur rendez-vous";

    private static readonly string[] DayCodes = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    public WeeklyHoursGrid()
    {
        Days = new IList<TimeRangeSlot>[7];
        for (var i = 0; i < 7; i++)
        {
            Days[i] = new List<TimeRangeSlot>();
        }
    }

    /// <summary>Index 0 = Monday .. 6 = Sunday.</summary>
    public IList<TimeRangeSlot>[] Days { get; }

    public bool ClosedOnPublicHolidays { get; set; }

    /// <summary>Free text written as the comment of every rule (slots stay open, unless <see cref="ByAppointmentOnly"/>).</summary>
    public string? Note { get; set; }

    /// <summary>All slots are "unknown" with the comment "sur rendez-vous" (or <see cref="Note"/> when set).</summary>
    public bool ByAppointmentOnly { get; set; }

    public string ToOpeningHours()
    {
        var patterns = Days.Select(FormatSlots).ToArray();
        var rules = new List<string>();
        var done = new bool[7];
        var comment = Comment();
        for (var day = 0; day < 7; day++)
        {
            if (done[day] || patterns[day].Length == 0)
            {
                continue;
            }

            var group = Enumerable.Range(day, 7 - day).Where(d => !done[d] && patterns[d] == patterns[day]).ToList();
            group.ForEach(d => done[d] = true);
            var rule = $"{FormatDays(group)} {patterns[day]}";
            if (comment is not null)
            {
                // "open" keeps a noted slot open; a bare comment makes it "unknown" (by appointment).
                rule += ByAppointmentOnly ? $" \"{comment}\"" : $" open \"{comment}\"";
            }

            rules.Add(rule);
        }

        if (rules.Count == 0)
        {
            rules.Add(comment is null ? "off" : $"off \"{comment}\"");
        }

        if (ClosedOnPublicHolidays)
        {
            rules.Add("PH off");
        }

        return string.Join("; ", rules);
    }

    /// <summary>
    /// Reads a string that is exactly a weekly pattern: rules made of weekdays and HH:MM-HH:MM ranges (or off),
    /// optionally all with the same comment, and an optional final "PH off". Anything else fails, so the
    /// editor can fall back to a raw text field.
    /// </summary>
    public static bool TryFromOpeningHours(string value, out WeeklyHoursGrid? grid)
    {
        grid = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        List<RuleTokens> rules;
        try
        {
            rules = Tokenizer.Tokenize(value);
            OpeningHoursSchedule.Parse(value);
        }
        catch (OpeningHoursParseException)
        {
            return false;
        }

        var result = new WeeklyHoursGrid();
        string? sharedComment = null;
        bool? sharedUnknown = null;
        for (var r = 0; r < rules.Count; r++)
        {
            var t = rules[r].Tokens;
            if (rules[r].Fallback || t.Count == 0)
            {
                return false;
            }

            if (t.Count == 2 && t[0].Kind == Tk.Holiday && t[1].Kind == Tk.State && t[1].Value == Tokenizer.StateClosed && r == rules.Count - 1)
            {
                result.ClosedOnPublicHolidays = true;
                continue;
            }

            var at = 0;
            var days = new bool[7];
            var allDays = false;
            if (t.Count >= 1 && t[0].Kind == Tk.State && t[0].Value == Tokenizer.StateClosed && rules.Count - (result.ClosedOnPublicHolidays ? 1 : 0) >= 1 && r == 0)
            {
                // "off" alone (optionally with a comment): closed every day.
                allDays = true;
            }
            else if (!ReadDays(t, ref at, days))
            {
                return false;
            }

            var slots = new List<TimeRangeSlot>();
            var closed = false;
            if (allDays)
            {
                closed = true;
                at = 1;
                Array.Fill(days, true);
            }
            else if (!ReadSlots(t, ref at, slots))
            {
                return false;
            }

            bool? unknown = null;
            string? comment = null;
            if (at < t.Count && t[at].Kind == Tk.State)
            {
                switch (t[at].Value)
                {
                    case Tokenizer.StateClosed when slots.Count == 0:
                        closed = true;
                        break;
                    case Tokenizer.StateOpen when slots.Count > 0:
                        unknown = false;
                        break;
                    default:
                        return false;
                }

                at++;
            }

            if (at < t.Count && t[at].Kind == Tk.Comment)
            {
                comment = t[at].Text;
                unknown ??= !closed;
                at++;
            }

            if (at != t.Count || (slots.Count == 0 && !closed))
            {
                return false;
            }

            if (comment is not null)
            {
                if ((sharedComment is not null && sharedComment != comment) || (sharedUnknown is not null && unknown is not null && sharedUnknown != unknown))
                {
                    return false;
                }

                sharedComment = comment;
                sharedUnknown ??= closed ? null : unknown;
            }
            else if (sharedComment is not null && !closed)
            {
                return false;
            }

            for (var d = 0; d < 7; d++)
            {
                if (days[d])
                {
                    // A later rule replaces earlier ones on the days it names.
                    result.Days[d].Clear();
                    foreach (var slot in slots)
                    {
                        result.Days[d].Add(slot);
                    }
                }
            }
        }

        if (sharedComment is not null)
        {
            var openSlots = result.Days.Any(d => d.Count > 0);
            if (openSlots && sharedUnknown is null)
            {
                return false;
            }

            result.ByAppointmentOnly = sharedUnknown == true;
            result.Note = result.ByAppointmentOnly && sharedComment == AppointmentComment ? null : sharedComment;
        }

        grid = result;
        return true;
    }

    private static bool ReadDays(List<Token> t, ref int at, bool[] days)
    {
        var any = false;
        while (at < t.Count && t[at].Kind == Tk.Weekday)
        {
            var from = ToMondayIndex(t[at].Value);
            var to = from;
            if (at + 2 < t.Count && t[at + 1].Kind == Tk.Dash && t[at + 2].Kind == Tk.Weekday)
            {
                to = ToMondayIndex(t[at + 2].Value);
                at += 2;
            }

            for (var d = from; ; d = (d + 1) % 7)
            {
                days[d] = true;
                if (d == to)
                {
                    break;
                }
            }

            any = true;
            at++;
            if (at < t.Count && t[at].Kind == Tk.Comma && at + 1 < t.Count && t[at + 1].Kind == Tk.Weekday)
            {
                at++;
                continue;
            }

            break;
        }

        return any;
    }

    private static bool ReadSlots(List<Token> t, ref int at, List<TimeRangeSlot> slots)
    {
        while (Is(t, at, Tk.Number, Tk.TimeSep, Tk.Number, Tk.Dash, Tk.Number, Tk.TimeSep, Tk.Number))
        {
            var fromH = t[at].Value;
            var toH = t[at + 4].Value;
            if (fromH > 23 || toH > 24 || (toH == 24 && t[at + 6].Value != 0))
            {
                return false;
            }

            slots.Add(new TimeRangeSlot(new TimeOnly(fromH, t[at + 2].Value), new TimeOnly(toH % 24, t[at + 6].Value)));
            at += 7;
            if (at < t.Count && t[at].Kind == Tk.Comma && Is(t, at + 1, Tk.Number))
            {
                at++;
                continue;
            }

            break;
        }

        return true;
    }

    private static bool Is(List<Token> t, int at, params ReadOnlySpan<Tk> kinds)
    {
        if (at + kinds.Length > t.Count)
        {
            return false;
        }

        for (var i = 0; i < kinds.Length; i++)
        {
            if (t[at + i].Kind != kinds[i])
            {
                return false;
            }
        }

        return true;
    }

    private static int ToMondayIndex(int jsWeekday) => (jsWeekday + 6) % 7;

    private string? Comment()
    {
        var text = ByAppointmentOnly ? (string.IsNullOrWhiteSpace(Note) ? AppointmentComment : Note) : Note;
        // A double quote would end the OSM comment early.
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim().Replace('"', '\'');
    }

    private static string FormatSlots(IList<TimeRangeSlot> slots)
    {
        var sb = new StringBuilder();
        foreach (var slot in slots.OrderBy(s => s.Start))
        {
            if (sb.Length > 0)
            {
                sb.Append(',');
            }

            var end = slot.End == TimeOnly.MinValue && slot.Start != TimeOnly.MinValue ? "24:00" : slot.End.ToString("HH:mm", CultureInfo.InvariantCulture);
            if (slot.Start == TimeOnly.MinValue && slot.End == TimeOnly.MinValue)
            {
                end = "24:00";
            }

            sb.Append(slot.Start.ToString("HH:mm", CultureInfo.InvariantCulture)).Append('-').Append(end);
        }

        return sb.ToString();
    }

    /// <summary>Monday-based day indexes as "Mo-We,Fr": runs of three or more become ranges.</summary>
    private static string FormatDays(List<int> days)
    {
        var parts = new List<string>();
        var i = 0;
        while (i < days.Count)
        {
            var j = i;
            while (j + 1 < days.Count && days[j + 1] == days[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                parts.Add($"{DayCodes[days[i]]}-{DayCodes[days[j]]}");
            }
            else
            {
                for (var k = i; k <= j; k++)
                {
                    parts.Add(DayCodes[days[k]]);
                }
            }

            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
