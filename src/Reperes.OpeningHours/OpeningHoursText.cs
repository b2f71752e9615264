using System.Globalization;
using NodaTime;
using Reperes.OpeningHours.Internal;

namespace Reperes.OpeningHours;

/// <summary>Human-readable rendering of a schedule, in French ("fr", default) or English ("en").</summary>
public static class OpeningHoursText
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The comment of an <see cref="OpeningStatus.Unknown"/> state that is open with no closing time ("open end").</summary>
    public static string OpenEndComment => Evaluator.OpenEndComment;

    /// <summary>
    /// One line such as "Ouvert · ferme à 17:30", "Fermé · ouvre lundi à 9:00", "Ouvert 24h/24" or, for an
    /// unknown state with a comment, the comment itself ("Sur rendez-vous"). An open state with a comment
    /// gets the comment appended in parentheses.
    /// </summary>
    public static string DescribeNow(OpeningHoursSchedule schedule, DateTimeOffset instant, string culture = "fr", OpeningHoursOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var fr = !culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var ctx = OpeningHoursSchedule.Context(options);
        var now = Instant.FromDateTimeOffset(instant);
        var state = schedule.GetStatePair(now, ctx);
        var limit = now + Duration.FromDays(366);

        switch (state.Status)
        {
            case OpeningStatus.Unknown when state.Comment == Evaluator.OpenEndComment:
                return fr ? "Ouvert · heure de fermeture non précisée" : "Open · closing time not specified";
            case OpeningStatus.Unknown when !string.IsNullOrWhiteSpace(state.Comment):
                return Capitalize(state.Comment!);
            case OpeningStatus.Unknown:
                return fr ? "Horaires incertains" : "Hours uncertain";
            case OpeningStatus.Open:
                {
                    var closes = FindChange(schedule, ctx, now, limit, wantClosed: true);
                    var text = closes is null
                        ? (fr ? "Ouvert 24h/24" : "Open 24/7")
                        : (fr ? "Ouvert · ferme " : "Open · closes ") + When(ctx, now, closes.Value, fr);
                    return string.IsNullOrWhiteSpace(state.Comment) ? text : $"{text} ({state.Comment})";
                }

            default:
                {
                    var opens = FindChange(schedule, ctx, now, limit, wantClosed: false);
                    return opens is null
                        ? (fr ? "Fermé" : "Closed")
                        : (fr ? "Fermé · ouvre " : "Closed · opens ") + When(ctx, now, opens.Value, fr);
                }
        }
    }

    /// <summary>Seven consecutive local days from <paramref name="firstDay"/>, with their open and unknown ranges.</summary>
    public static IReadOnlyList<DaySchedule> Week(OpeningHoursSchedule schedule, DateOnly firstDay, OpeningHoursOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        options ??= OpeningHoursOptions.Default;
        var ctx = OpeningHoursSchedule.Context(options);
        var days = new List<DaySchedule>(7);
        for (var i = 0; i < 7; i++)
        {
            var date = firstDay.AddDays(i);
            var local = new LocalDate(date.Year, date.Month, date.Day);
            var start = ctx.Zone.AtStartOfDay(local).ToDateTimeOffset();
            var end = ctx.Zone.AtStartOfDay(local.PlusDays(1)).ToDateTimeOffset();
            var ranges = schedule.GetIntervals(start, end, options)
                .Select(r => new DayRange(
                    LocalTime(ctx, r.Start),
                    r.End >= end ? null : LocalTime(ctx, r.End),
                    r.Status,
                    r.Comment))
                .ToList();
            days.Add(new DaySchedule(date, FrenchPublicHolidays.IsHoliday(date, options.HolidayRegion), ranges));
        }

        return days;
    }

    private static TimeOnly LocalTime(EvalContext ctx, DateTimeOffset value)
    {
        var t = Instant.FromDateTimeOffset(value).InZone(ctx.Zone).TimeOfDay;
        return new TimeOnly(t.Hour, t.Minute, t.Second);
    }

    /// <summary>Next change into a closed state (or out of it), skipping comment-only changes.</summary>
    private static Instant? FindChange(OpeningHoursSchedule schedule, EvalContext ctx, Instant from, Instant limit, bool wantClosed)
    {
        var cursor = from;
        while (true)
        {
            var next = schedule.NextChange(cursor, limit, ctx);
            if (next is null)
            {
                return null;
            }

            var closed = schedule.GetStatePair(next.Value, ctx).Status == OpeningStatus.Closed;
            if (closed == wantClosed)
            {
                return next;
            }

            cursor = next.Value;
        }
    }

    private static string When(EvalContext ctx, Instant now, Instant change, bool fr)
    {
        var today = now.InZone(ctx.Zone).Date;
        var at = change.InZone(ctx.Zone).LocalDateTime;
        var time = $"{at.Hour}:{at.Minute:00}";
        var days = Period.Between(today, at.Date, PeriodUnits.Days).Days;
        var culture = fr ? French : English;
        var dayName = culture.DateTimeFormat.GetDayName(at.Date.ToDateTimeUnspecified().DayOfWeek);
        var dayMonth = at.Date.ToDateTimeUnspecified().ToString("d MMMM", culture);
        if (fr && at.Day == 1)
        {
            // French writes the first day of a month as an ordinal: "le 1er mai".
            dayMonth = "1er" + dayMonth[1..];
        }

        return (days, fr) switch
        {
            ( <= 0, true) => $"à {time}",
            (1, true) => $"demain à {time}",
            ( <= 6, true) => $"{dayName} à {time}",
            (_, true) => $"le {dayMonth} à {time}",
            ( <= 0, false) => $"at {time}",
            (1, false) => $"tomorrow at {time}",
            ( <= 6, false) => $"{dayName} at {time}",
            _ => $"on {dayMonth} at {time}",
        };
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], French) + text[1..];
}
