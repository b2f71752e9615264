using Reperes.OpeningHours;

namespace Reperes.Web.Core.Hours;

/// <summary>
/// One time range of a day as paper shows it: "9:00–12:00", "20:00–2:00" (<see cref="EndsNextDay"/>), "24 h/24"
/// (<see cref="IsWholeDay"/>). <see cref="End"/> null: until midnight. <see cref="Unknown"/>: the hours say a time
/// but not that it is open (typically "sur rendez-vous", the <see cref="Comment"/>).
/// </summary>
public sealed record PrintedRange(TimeOnly Start, TimeOnly? End, bool EndsNextDay, bool Unknown, string? Comment)
{
    public bool IsWholeDay => Start == TimeOnly.MinValue && End is null && !EndsNextDay;

    /// <summary>A key that is equal for equal ranges (records of lists compare by reference).</summary>
    internal string Key => $"{Start:HH:mm}-{End:HH:mm}{(EndsNextDay ? "+" : "")}{(Unknown ? "?" : "")}{Comment}";
}

/// <summary>
/// Days that share the same ranges: weekdays (0 = Monday … 6 = Sunday) of a regular week, or — when the weeks differ,
/// as with "the first and third Monday of the month" — the dates themselves.
/// </summary>
public sealed record DayGroup(IReadOnlyList<int> Weekdays, IReadOnlyList<DateOnly> Dates, IReadOnlyList<PrintedRange> Ranges);

/// <summary>
/// The regular week of a period: <see cref="From"/> null from now on, <see cref="Until"/> null as far as the summary
/// looks. No group: closed during the period. <see cref="ClosedOtherDays"/>: days not named are closed (said for
/// exceptional hours, where it is not obvious).
/// </summary>
public sealed record HoursPeriod(DateOnly? From, DateOnly? Until, IReadOnlyList<DayGroup> Groups, bool ClosedOtherDays = false);

/// <summary>What public holidays do to the hours.</summary>
public enum HolidayRule
{
    /// <summary>No holiday falls on a day it would be open: nothing to say.</summary>
    NotConcerned,

    /// <summary>Closed on public holidays.</summary>
    Closed,

    /// <summary>Open on public holidays as on the same weekday.</summary>
    UsualHours,

    /// <summary>Hours of their own on public holidays (<see cref="HoursSummary.HolidayRanges"/>).</summary>
    OwnHours,

    /// <summary>It depends on the holiday: the coming ones are listed.</summary>
    Varies,
}

/// <summary>A public holiday to come and its hours (none: closed).</summary>
public sealed record ComingHoliday(DateOnly Date, IReadOnlyList<PrintedRange> Ranges);

/// <summary>
/// Opening hours laid out for paper: the regular week with days of the same hours together, at most two periods when
/// they change (seasons), the rule of public holidays and the holidays of the coming 30 days. <see cref="Known"/>
/// false: no readable hours.
/// </summary>
public sealed record HoursSummary(
    bool Known,
    IReadOnlyList<HoursPeriod> Periods,
    HolidayRule Holidays,
    IReadOnlyList<PrintedRange> HolidayRanges,
    IReadOnlyList<ComingHoliday> ComingHolidays)
{
    public static readonly HoursSummary Unknown = new(false, [], HolidayRule.NotConcerned, [], []);
}

/// <summary>
/// Lays out an opening_hours expression as a regular week ("lun–ven 9:00–12:00 · sam 10:00–12:30"), from what the
/// reference evaluator says each day, so that paper says what the open states say. It does not compute any state:
/// the days' ranges come from <see cref="OpeningHoursText.Week"/>. Summaries are remembered per expression and day.
/// </summary>
public sealed class HoursSummaries(HoursEvaluator hours)
{
    /// <summary>How far the regular hours are read for a change of period (half a year).</summary>
    public const int WeeksAhead = 26;

    /// <summary>A period lasts at least this many weeks; shorter, the weeks are said to vary.</summary>
    private const int StableWeeks = 4;

    /// <summary>When weeks vary, the dates of the next five weeks are given.</summary>
    private const int VaryingDays = 35;

    /// <summary>Public holidays listed by date: those of the coming 30 days.</summary>
    public const int ComingDays = 30;

    /// <summary>Exceptional hours longer than this are summarised on their first weeks.</summary>
    private const int MaxNoticeDays = 63;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string, DateOnly), HoursSummary> regular = new();

    /// <summary>The regular hours from <paramref name="today"/> on.</summary>
    public HoursSummary Regular(string? expression, DateOnly today)
    {
        var schedule = hours.Schedule(expression);
        if (schedule is null)
        {
            return HoursSummary.Unknown;
        }

        if (regular.Count > 10_000)
        {
            regular.Clear();
        }

        return regular.GetOrAdd((schedule.Value, today), key => Compute(schedule, key.Item2));
    }

    /// <summary>
    /// The hours of exceptional hours, over their dates (from <paramref name="today"/> when they already started): the
    /// weekdays they open when each weekday keeps the same hours, else the dates.
    /// </summary>
    public HoursPeriod? Between(string? expression, DateOnly from, DateOnly to, DateOnly today)
    {
        var schedule = hours.Schedule(expression);
        if (schedule is null)
        {
            return null;
        }

        var first = from < today ? today : from;
        var last = to.DayNumber - first.DayNumber >= MaxNoticeDays ? first.AddDays(MaxNoticeDays - 1) : to;
        if (last < first)
        {
            return null;
        }

        var days = Days(schedule, first, last.DayNumber - first.DayNumber + 1);
        var weekdays = new Dictionary<int, string>();
        var regularWeek = true;
        foreach (var day in days)
        {
            var key = Key(day.Ranges);
            if (weekdays.TryGetValue(Weekday(day.Date), out var seen) && seen != key)
            {
                regularWeek = false;
                break;
            }

            weekdays[Weekday(day.Date)] = key;
        }

        if (regularWeek)
        {
            var byWeekday = new List<IReadOnlyList<PrintedRange>?>(new IReadOnlyList<PrintedRange>?[7]);
            foreach (var day in days)
            {
                byWeekday[Weekday(day.Date)] = day.Ranges;
            }

            return new HoursPeriod(first, to, WeekGroups(byWeekday), ClosedOtherDays: true);
        }

        return new HoursPeriod(first, to, DateGroups(days), ClosedOtherDays: true);
    }

    private HoursSummary Compute(OpeningHoursSchedule schedule, DateOnly today)
    {
        var monday = today.AddDays(-Weekday(today));
        var days = Days(schedule, monday, WeeksAhead * 7);
        var periods = new List<HoursPeriod>();

        // The first period, from now on: the weeks from this one that agree with each other.
        var (pattern, weeks) = StableFrom(days, 0);
        var steadyWeekdays = Enumerable.Repeat(true, 7).ToArray();
        if (weeks < StableWeeks && weeks < WeeksAhead)
        {
            var (period, steady) = Varying(days, today);
            periods.Add(period);
            steadyWeekdays = steady;
        }
        else
        {
            var change = weeks >= WeeksAhead ? null : FirstDifference(days, weeks * 7, pattern);
            periods.Add(new HoursPeriod(null, change?.AddDays(-1), WeekGroups(pattern)));
            if (change is { } changeDate)
            {
                // The next period: the first weeks after the change that agree with each other for long enough.
                var week = (changeDate.DayNumber - monday.DayNumber) / 7;
                for (var start = week; start < WeeksAhead; start++)
                {
                    var (next, nextWeeks) = StableFrom(days, start);
                    if (nextWeeks >= StableWeeks || start + nextWeeks >= WeeksAhead)
                    {
                        var end = start + nextWeeks >= WeeksAhead ? null : FirstDifference(days, (start + nextWeeks) * 7, next);
                        periods.Add(new HoursPeriod(changeDate, end?.AddDays(-1), WeekGroups(next)));
                        break;
                    }
                }
            }
        }

        var (rule, holidayRanges, coming) = Holidays(schedule, today, steadyWeekdays);
        return new HoursSummary(true, periods, rule, holidayRanges, coming);
    }

    /// <summary>
    /// The weeks from <paramref name="startWeek"/> that agree with each other (a public holiday agrees with anything), and
    /// the week they make.
    /// </summary>
    private static (IReadOnlyList<PrintedRange>?[] Pattern, int Weeks) StableFrom(IReadOnlyList<PrintedDay> days, int startWeek)
    {
        var pattern = new IReadOnlyList<PrintedRange>?[7];
        var weeks = 0;
        for (var week = startWeek; week * 7 < days.Count; week++)
        {
            var candidate = (IReadOnlyList<PrintedRange>?[])pattern.Clone();
            for (var d = 0; d < 7; d++)
            {
                var day = days[(week * 7) + d];
                if (day.IsPublicHoliday)
                {
                    continue;
                }

                if (candidate[d] is { } known && Key(known) != Key(day.Ranges))
                {
                    return (pattern, weeks);
                }

                candidate[d] = day.Ranges;
            }

            pattern = candidate;
            weeks++;
        }

        return (pattern, weeks);
    }

    /// <summary>The first day from <paramref name="fromIndex"/> (not a public holiday) whose hours differ from the week.</summary>
    private static DateOnly? FirstDifference(IReadOnlyList<PrintedDay> days, int fromIndex, IReadOnlyList<PrintedRange>?[] pattern)
    {
        for (var i = fromIndex; i < days.Count; i++)
        {
            var day = days[i];
            if (!day.IsPublicHoliday && Key(pattern[Weekday(day.Date)] ?? []) != Key(day.Ranges))
            {
                return day.Date;
            }
        }

        return null;
    }

    /// <summary>
    /// Weeks that differ (monthly rules): the weekdays that keep the same hours over the next five weeks, and the
    /// dates of the others.
    /// </summary>
    private static (HoursPeriod Period, bool[] Steady) Varying(IReadOnlyList<PrintedDay> days, DateOnly today)
    {
        var window = days.Where(d => d.Date >= today && d.Date.DayNumber < today.DayNumber + VaryingDays).ToList();
        var steady = new IReadOnlyList<PrintedRange>?[7];
        var isSteady = new bool[7];
        var dated = new List<PrintedDay>();
        for (var weekday = 0; weekday < 7; weekday++)
        {
            var occurrences = window.Where(d => Weekday(d.Date) == weekday && !d.IsPublicHoliday).ToList();
            if (occurrences.Select(d => Key(d.Ranges)).Distinct().Count() <= 1)
            {
                steady[weekday] = occurrences.FirstOrDefault()?.Ranges;
                isSteady[weekday] = true;
            }
            else
            {
                // The dates of this weekday, public holidays with their own hours among them.
                dated.AddRange(window.Where(d => Weekday(d.Date) == weekday));
            }
        }

        var groups = WeekGroups(steady).Concat(DateGroups(dated.OrderBy(d => d.Date).ToList())).ToList();
        return (new HoursPeriod(null, null, groups), isSteady);
    }

    /// <summary>Weekdays with the same hours together, in the order of their first day; closed days left out.</summary>
    private static List<DayGroup> WeekGroups(IReadOnlyList<IReadOnlyList<PrintedRange>?> week)
    {
        var groups = new List<DayGroup>();
        var done = new bool[7];
        for (var d = 0; d < 7; d++)
        {
            if (done[d] || week[d] is not { Count: > 0 } ranges)
            {
                continue;
            }

            var key = Key(ranges);
            var same = Enumerable.Range(d, 7 - d).Where(o => !done[o] && week[o] is { } other && Key(other) == key).ToList();
            same.ForEach(o => done[o] = true);
            groups.Add(new DayGroup(same, [], ranges));
        }

        return groups;
    }

    /// <summary>Dates with the same hours together, in date order; closed days left out.</summary>
    private static List<DayGroup> DateGroups(IReadOnlyList<PrintedDay> days) =>
        days.Where(d => d.Ranges.Count > 0)
            .GroupBy(d => Key(d.Ranges))
            .Select(g => new DayGroup([], g.Select(d => d.Date).Order().ToList(), g.First().Ranges))
            .OrderBy(g => g.Dates[0])
            .ToList();

    /// <summary>
    /// Public holidays of the coming year against the same weekday a week before or after: closed, as usual, hours of
    /// their own, or it depends. The holidays of the coming 30 days with their hours. A weekday whose hours change from
    /// week to week (<paramref name="steadyWeekdays"/> false) has no usual hours to compare with: its dates, holidays
    /// included, are listed instead.
    /// </summary>
    private static (HolidayRule Rule, IReadOnlyList<PrintedRange> Ranges, IReadOnlyList<ComingHoliday> Coming) Holidays(OpeningHoursSchedule schedule, DateOnly today, bool[] steadyWeekdays)
    {
        var end = today.AddDays(365);
        var holidays = FrenchPublicHolidays.For(today.Year, PublicHolidayRegion.FranceMetropolitan)
            .Concat(FrenchPublicHolidays.For(today.Year + 1, PublicHolidayRegion.FranceMetropolitan))
            .Where(h => h.Date >= today && h.Date <= end)
            .DistinctBy(h => h.Date)
            .OrderBy(h => h.Date)
            .ToList();
        var kinds = new List<(DateOnly Date, HolidayRule Kind, IReadOnlyList<PrintedRange> Ranges)>();
        foreach (var (holiday, name) in holidays.Where(h => steadyWeekdays[Weekday(h.Date)]))
        {
            // The evaluator names the holiday in the comment of its ranges ("Noël"): the day's hours are what count.
            var ranges = Days(schedule, holiday, 1)[0].Ranges.Select(r => r.Comment == name ? r with { Comment = null } : r).ToList();
            var usual = UsualDays(schedule, holiday).Select(Key).ToList();
            var kind = ranges.Count == 0
                ? usual.All(u => u.Length == 0) ? HolidayRule.NotConcerned : HolidayRule.Closed
                : usual.Contains(Key(ranges)) ? HolidayRule.UsualHours : HolidayRule.OwnHours;
            kinds.Add((holiday, kind, ranges));
        }

        var concerned = kinds.Where(k => k.Kind != HolidayRule.NotConcerned).ToList();
        var coming = kinds.Where(k => k.Date.DayNumber - today.DayNumber <= ComingDays && k.Kind != HolidayRule.NotConcerned)
            .Select(k => new ComingHoliday(k.Date, k.Ranges)).ToList();
        if (concerned.Count == 0)
        {
            return (HolidayRule.NotConcerned, [], []);
        }

        var rule = concerned.Select(k => k.Kind).Distinct().Count() == 1 ? concerned[0].Kind : HolidayRule.Varies;
        if (rule == HolidayRule.OwnHours && concerned.Select(k => Key(k.Ranges)).Distinct().Count() > 1)
        {
            rule = HolidayRule.Varies;
        }

        return (rule, rule == HolidayRule.OwnHours ? concerned[0].Ranges : [], coming);
    }

    /// <summary>
    /// The hours of the same weekday a week before and a week after (two weeks when that is a holiday too): both, since
    /// a season may change in between.
    /// </summary>
    private static IEnumerable<IReadOnlyList<PrintedRange>> UsualDays(OpeningHoursSchedule schedule, DateOnly holiday)
    {
        foreach (var direction in new[] { -1, 1 })
        {
            var day = new[] { 7, 14 }.Select(weeks => holiday.AddDays(direction * weeks))
                .FirstOrDefault(d => !FrenchPublicHolidays.IsHoliday(d, PublicHolidayRegion.FranceMetropolitan));
            if (day != default)
            {
                yield return Days(schedule, day, 1)[0].Ranges;
            }
        }
    }

    /// <summary>
    /// The ranges of <paramref name="count"/> days from <paramref name="first"/>, as the reference evaluator gives them,
    /// with a night joined to its evening: "20:00–24:00" then "0:00–2:00" the next day is "20:00–2:00" of the first.
    /// </summary>
    private static List<PrintedDay> Days(OpeningHoursSchedule schedule, DateOnly first, int count)
    {
        // One day before, so that the morning end of an evening that started then is not counted again; one after,
        // for the end of the last evening.
        var raw = new List<DaySchedule>(count + 2);
        for (var start = first.AddDays(-1); raw.Count < count + 2; start = start.AddDays(7))
        {
            raw.AddRange(OpeningHoursText.Week(schedule, start));
        }

        var ranges = raw.Take(count + 2).Select(d => d.Ranges.Select(r => new PrintedRange(r.Start, r.End, false, r.Status == OpeningStatus.Unknown, string.IsNullOrWhiteSpace(r.Comment) ? null : r.Comment.Trim())).ToList()).ToList();
        for (var i = 0; i < ranges.Count - 1; i++)
        {
            var today = ranges[i];
            var next = ranges[i + 1];
            if (today.Count == 0 || next.Count == 0 || today[^1].End is not null || today[^1].IsWholeDay || next[0].Start != TimeOnly.MinValue || next[0].End is null
                || today[^1].Unknown != next[0].Unknown || today[^1].Comment != next[0].Comment)
            {
                continue;
            }

            today[^1] = today[^1] with { End = next[0].End, EndsNextDay = true };
            next.RemoveAt(0);
        }

        return Enumerable.Range(1, count).Select(i => new PrintedDay(raw[i].Date, raw[i].IsPublicHoliday, ranges[i])).ToList();
    }

    private static string Key(IReadOnlyList<PrintedRange> ranges) => string.Join(',', ranges.Select(r => r.Key));

    /// <summary>0 = Monday … 6 = Sunday.</summary>
    public static int Weekday(DateOnly date) => ((int)date.DayOfWeek + 6) % 7;

    private sealed record PrintedDay(DateOnly Date, bool IsPublicHoliday, IReadOnlyList<PrintedRange> Ranges);
}
