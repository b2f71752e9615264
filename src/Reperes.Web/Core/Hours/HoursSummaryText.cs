using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.Core.Hours;

/// <summary>
/// An <see cref="HoursSummary"/> in words, in the person's language: "lun–ven 9:00–12:00, 13:30–17:00 · sam
/// 10:00–12:30", "jusqu’au 31 mars : lun, mer, ven 19:30–21:00", "fermé les jours fériés (25 décembre, 1er janvier)".
/// </summary>
public static class HoursSummaryText
{
    /// <summary>One line per period (at least one, when the hours are known).</summary>
    public static IReadOnlyList<string> Periods(HoursSummary summary, IStringLocalizer l, CultureInfo culture) =>
        summary.Periods.Select(p => Period(p, l, culture)).ToList();

    /// <summary>A period, with its dates when it starts or ends within the coming months.</summary>
    public static string Period(HoursPeriod period, IStringLocalizer l, CultureInfo culture)
    {
        var week = Week(period, l, culture);
        return (period.From, period.Until) switch
        {
            (null, null) => week,
            (null, { } until) => l["jusqu’au {0} : {1}", LongDate(until, culture), week],
            ({ } from, null) => l["à partir du {0} : {1}", LongDate(from, culture), week],
            ({ } from, { } until) => l["du {0} au {1} : {2}", LongDate(from, culture), LongDate(until, culture), week],
        };
    }

    /// <summary>The groups of a period without its dates: "lun–ven 9:00–12:00 · sam 10:00–12:30", or "fermé".</summary>
    public static string Week(HoursPeriod period, IStringLocalizer l, CultureInfo culture)
    {
        if (period.Groups.Count == 0)
        {
            return LowerFirst(l["Fermé"], culture);
        }

        var text = string.Join(" · ", period.Groups.Select(g => Group(g, l, culture)));
        var namesEveryDay = period.Groups.Any(g => g.Weekdays.Count == 7);
        return period.ClosedOtherDays && !namesEveryDay ? l["{0} ; fermé les autres jours", text] : text;
    }

    public static string Group(DayGroup group, IStringLocalizer l, CultureInfo culture)
    {
        var days = group.Dates.Count > 0
            ? string.Join(", ", group.Dates.Select(d => $"{DayName(HoursSummaries.Weekday(d), culture)} {ShortDate(d, culture)}"))
            : Days(group.Weekdays, l, culture);
        return $"{days} {Ranges(group.Ranges, l)}";
    }

    public static string Ranges(IReadOnlyList<PrintedRange> ranges, IStringLocalizer l) =>
        string.Join(", ", ranges.Select(r => Range(r, l)));

    /// <summary>"9:00–12:00", "20:00–2:00", "24 h/24", followed by its comment ("sur rendez-vous").</summary>
    public static string Range(PrintedRange range, IStringLocalizer l)
    {
        var time = range.IsWholeDay
            ? l["24 h/24"].Value
            : $"{Time(range.Start)}–{(range.End is { } end ? Time(end) : "24:00")}";
        var comment = range.Comment ?? (range.Unknown ? l["à confirmer"].Value : null);
        return comment is null ? time : $"{time} ({comment})";
    }

    /// <summary>What public holidays do, or null when no holiday falls on an open day.</summary>
    public static string? Holidays(HoursSummary summary, IStringLocalizer l, CultureInfo culture)
    {
        var coming = summary.ComingHolidays;
        switch (summary.Holidays)
        {
            case HolidayRule.NotConcerned:
                return null;
            case HolidayRule.Closed:
                {
                    var closed = coming.Where(h => h.Ranges.Count == 0).Select(h => LongDate(h.Date, culture)).ToList();
                    return LowerFirst(closed.Count == 0 ? l["Fermé les jours fériés"] : l["Fermé les jours fériés ({0})", string.Join(", ", closed)], culture);
                }

            case HolidayRule.UsualHours:
                return l["jours fériés : horaires habituels"];
            case HolidayRule.OwnHours:
                return l["jours fériés : {0}", Ranges(summary.HolidayRanges, l)];
            case HolidayRule.Varies:
                return coming.Count == 0
                    ? l["jours fériés : selon le jour, appelez avant"]
                    : l["jours fériés : {0}", string.Join(", ", coming.Select(h => $"{LongDate(h.Date, culture)} {(h.Ranges.Count == 0 ? LowerFirst(l["Fermé"], culture) : Ranges(h.Ranges, l))}"))];
            default:
                throw new ArgumentOutOfRangeException(nameof(summary), summary.Holidays, null);
        }
    }

    /// <summary>The days of a group: "tous les jours", "lun–ven", "lun, mer, ven", "mar–jeu, sam".</summary>
    public static string Days(IReadOnlyList<int> weekdays, IStringLocalizer l, CultureInfo culture)
    {
        if (weekdays.Count == 7)
        {
            return l["tous les jours"];
        }

        var parts = new List<string>();
        var sorted = weekdays.Order().ToList();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (j - i >= 2)
            {
                parts.Add($"{DayName(sorted[i], culture)}–{DayName(sorted[j], culture)}");
            }
            else
            {
                parts.AddRange(sorted[i..(j + 1)].Select(d => DayName(d, culture)));
            }

            i = j + 1;
        }

        return string.Join(", ", parts);
    }

    /// <summary>"lun", "mar"… ("Mon", "Tue"… in English), 0 = Monday.</summary>
    public static string DayName(int weekday, CultureInfo culture) =>
        culture.DateTimeFormat.AbbreviatedDayNames[(weekday + 1) % 7].TrimEnd('.');

    /// <summary>"9:00", "13:30".</summary>
    public static string Time(TimeOnly time) => time.ToString("H:mm", CultureInfo.InvariantCulture);

    /// <summary>"25 décembre", "1er janvier" ("25 December" in English).</summary>
    public static string LongDate(DateOnly date, CultureInfo culture) => FirstOfMonth(date, date.ToString("d MMMM", culture), culture);

    /// <summary>"7 déc.", "1er janv.".</summary>
    public static string ShortDate(DateOnly date, CultureInfo culture) => FirstOfMonth(date, date.ToString("d MMM", culture), culture);

    // French writes the first day of a month as an ordinal.
    private static string FirstOfMonth(DateOnly date, string text, CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "fr" && date.Day == 1 ? "1er" + text[1..] : text;

    private static string LowerFirst(string text, CultureInfo culture) =>
        text.Length > 0 ? char.ToLower(text[0], culture) + text[1..] : text;
}
