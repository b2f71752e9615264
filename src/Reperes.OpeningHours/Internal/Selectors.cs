using NodaTime;
using NodaTime.Calendars;

namespace Reperes.OpeningHours.Internal;

/// <summary>
/// Selector factories. Each one is a port of the matching opening_hours.js selector, including the
/// way it computes the next date to look at, so that state and next change agree with the reference.
/// </summary>
internal static class Selectors
{
    public const int MinutesInDay = 1440;
    private const long MsecInDay = 86_400_000;

    public static readonly Selector Always = static (_, _) => new SelResult(true, null);

    public static Selector TimeRange(int from, int to, bool openEnd) => (ctx, date) =>
    {
        var minutes = date.MinuteOfDay;
        if (minutes < from)
        {
            return new SelResult(false, ctx.AtDayMinutes(date, from));
        }

        if (minutes < to)
        {
            return new SelResult(true, ctx.AtDayMinutes(date, to), openEnd);
        }

        return new SelResult(false, ctx.AtDayMinutes(date, from + MinutesInDay));
    };

    /// <summary>Range ending after midnight: this part covers the start day up to the end (beyond 24:00).</summary>
    public static Selector WrappingTimeRange(int from, int to, bool openEnd) => (ctx, date) =>
        date.MinuteOfDay < from
            ? new SelResult(false, ctx.AtDayMinutes(date, from))
            : new SelResult(true, ctx.AtDayMinutes(date, to), openEnd);

    /// <summary>The part after midnight of a wrapping range, evaluated on the following day.</summary>
    public static Selector WrappedTimeRange(int to, bool openEnd) => (ctx, date) =>
        date.MinuteOfDay < to
            ? new SelResult(true, ctx.AtDayMinutes(date, to), openEnd)
            : new SelResult(false, null);

    /// <summary>Weekday range, 0 = Sunday. A reversed range (Sa-Mo) is the complement of Tu-Fr.</summary>
    public static Selector WeekdayRange(int from, int to)
    {
        var inside = true;
        if (to < from)
        {
            (from, to) = (to + 1, from - 1);
            inside = false;
        }

        if (to < from)
        {
            return Always;
        }

        return (ctx, date) =>
        {
            var day = date.WeekDay;
            return day < from || day > to
                ? new SelResult(!inside, ctx.AtNextWeekday(date, from))
                : new SelResult(inside, ctx.AtNextWeekday(date, to + 1));
        };
    }

    /// <summary><c>getDateForConstrainedWeekday</c>: the nth (or nth from last) weekday of a month.</summary>
    private static JsDate NthWeekdayOfMonth(EvalContext ctx, int year, int month0, int weekday, int number)
    {
        var first = ctx.MakeDate(year, month0 + (number > 0 ? 0 : 1), 1);
        var start = ctx.At(ctx.AtNextWeekday(first, weekday));
        var shift = (number + (number > 0 ? -1 : 0)) * 7;
        return ctx.MakeDate(start.Year, start.Month0, start.Day + shift);
    }

    public static Selector NthWeekday(int weekday, int number) => (ctx, date) =>
    {
        var startOfThisMonth = ctx.Make(date.Year, date.Month0, 1);
        var startOfNextMonth = ctx.Make(date.Year, date.Month0 + 1, 1);
        var target = NthWeekdayOfMonth(ctx, date.Year, date.Month0, weekday, number);
        if (target.Instant < startOfThisMonth || target.Instant >= startOfNextMonth)
        {
            return new SelResult(false, startOfNextMonth);
        }

        if (target.Local.Date == date.Local.Date)
        {
            return new SelResult(true, ctx.AtDayMinutes(date, MinutesInDay));
        }

        return date.Local.Date < target.Local.Date
            ? new SelResult(false, target.Instant)
            : new SelResult(false, startOfNextMonth);
    };

    public static Selector PublicHoliday() => (ctx, date) =>
    {
        var holidays = FrenchPublicHolidays.ForYear(date.Year, ctx.Region);
        var today = date.Local.Date;
        foreach (var (day, name) in holidays)
        {
            var holiday = new LocalDate(day.Year, day.Month, day.Day);
            if (today < holiday)
            {
                return new SelResult(false, ctx.Make(holiday.Year, holiday.Month - 1, holiday.Day));
            }

            if (today == holiday)
            {
                return new SelResult(true, ctx.Make(date.Year, date.Month0, date.Day + 1), false, name);
            }
        }

        var firstHoliday = holidays[0].Date;
        return new SelResult(false, ctx.Make(firstHoliday.Year + 1, firstHoliday.Month - 1, firstHoliday.Day));
    };

    public static Selector MonthRange(int from, int to)
    {
        var inside = true;
        if (to < from)
        {
            (from, to) = (to + 1, from - 1);
            inside = false;
        }

        return (ctx, date) =>
        {
            if (to < from)
            {
                return new SelResult(!inside, null);
            }

            var month = date.Month0;
            return month < from || month > to
                ? new SelResult(!inside, NextMonth(ctx, date, from))
                : new SelResult(inside, NextMonth(ctx, date, to + 1));
        };
    }

    private static Instant NextMonth(EvalContext ctx, JsDate date, int month0) =>
        ctx.Make(date.Year, month0 < date.Month0 ? month0 + 12 : month0, 1);

    /// <summary>Date range across months (Dec 24-Jan 02, 2026 Aug 01-2026 Aug 20).</summary>
    public static Selector DateRange(int? fromYear, int fromMonth0, int fromDay, int? toYear, int toMonth0, int toDay) => (ctx, date) =>
    {
        var startOfNextYear = ctx.Make(date.Year + 1, 0, 1);
        var fromDate = ctx.Make(fromYear ?? date.Year, fromMonth0, fromDay);
        var toDate = ctx.Make(toYear ?? date.Year, toMonth0, toDay + 1);
        var inside = true;
        if (toDate < fromDate)
        {
            (fromDate, toDate) = (toDate, fromDate);
            inside = false;
        }

        if (date.Instant < fromDate)
        {
            return new SelResult(!inside, fromDate);
        }

        if (date.Instant < toDate)
        {
            return new SelResult(inside, toDate);
        }

        return fromYear is not null ? new SelResult(!inside, null) : new SelResult(!inside, startOfNextYear);
    };

    /// <summary>Day range inside one month (Jul 14, Jul 14-20, Jul 01-31/2), optionally in a given year.</summary>
    /// <param name="rangeTo">Last day + 1, as in opening_hours.js.</param>
    public static Selector MonthDays(int? year, int month0, int rangeFrom, int rangeTo, bool isRange, int period) => (ctx, date) =>
    {
        var startOfNextYear = ctx.Make(date.Year + 1, 0, 1);
        var from = ctx.MakeDate(year ?? date.Year, month0, rangeFrom);
        // 29 February only exists in leap years; the reference then never matches (even for Feb 01-28).
        if (month0 == 1 && rangeFrom != from.Day)
        {
            return new SelResult(false, null);
        }

        var to = ctx.MakeDate(from.Year, month0, rangeTo);
        if (month0 == 1 && isRange && rangeTo != to.Day)
        {
            return new SelResult(false, null);
        }

        if (date.Instant < from.Instant)
        {
            return new SelResult(false, from.Instant);
        }

        if (date.Instant >= to.Instant)
        {
            return new SelResult(false, startOfNextYear);
        }

        if (period == 0)
        {
            return new SelResult(true, to.Instant);
        }

        var nday = (long)Math.Floor((date.Instant - from.Instant).TotalMilliseconds / MsecInDay);
        var inPeriod = (int)(nday % period);
        return inPeriod == 0
            ? new SelResult(true, ctx.Make(date.Year, date.Month0, date.Day + 1))
            : new SelResult(false, ctx.Make(date.Year, date.Month0, date.Day + period - inPeriod));
    };

    /// <param name="hasPeriod">0: none, 1: "/n", 2: open-ended "2026+".</param>
    public static Selector YearRange(int from, int? to, int hasPeriod, int period) => (ctx, date) =>
    {
        var year = date.Year;
        if (year < from)
        {
            return new SelResult(false, ctx.Make(from, 0, 1));
        }

        if (hasPeriod != 0)
        {
            if (to is not null && year > to)
            {
                return new SelResult(false, null);
            }

            return (year - from) % period == 0
                ? new SelResult(true, ctx.Make(year + 1, 0, 1))
                : new SelResult(false, ctx.Make(year + period - 1, 0, 1));
        }

        if (to is not null)
        {
            return year <= to ? new SelResult(true, ctx.Make(to.Value + 1, 0, 1)) : new SelResult(false, null);
        }

        return new SelResult(year == from, null);
    };

    public static Selector WeekRange(int from, int to, int period)
    {
        if (period == 0 && from == 1 && to == 53)
        {
            return Always;
        }

        return (ctx, date) =>
        {
            var week = WeekYearRules.Iso.GetWeekOfWeekYear(date.Local.Date);
            if (week < from || week > to)
            {
                return new SelResult(false, NextDateOfIsoWeek(ctx, from, date));
            }

            if (period != 0)
            {
                if ((week - from) % period == 0)
                {
                    return new SelResult(true, NextDateOfIsoWeek(ctx, week + 1, date));
                }

                var next = week + (period - ((week - from) % period));
                return next <= to
                    ? new SelResult(false, NextDateOfIsoWeek(ctx, next, date))
                    : new SelResult(false, NextDateOfIsoWeek(ctx, from, date));
            }

            return new SelResult(true, NextDateOfIsoWeek(ctx, to == 53 ? 1 : to + 1, date));
        };
    }

    /// <summary><c>getDateOfISOWeek</c>, quirks included (a 1 Jan + n weeks that falls on Sunday moves to the next day).</summary>
    private static Instant DateOfIsoWeek(EvalContext ctx, int week, int year)
    {
        var simple = ctx.MakeDate(year, 0, 1 + ((week - 1) * 7));
        var dow = simple.WeekDay;
        return dow <= 4
            ? ctx.Make(simple.Year, simple.Month0, simple.Day - dow + 1)
            : ctx.Make(simple.Year, simple.Month0, simple.Day + 8 - dow);
    }

    private static Instant NextDateOfIsoWeek(EvalContext ctx, int week, JsDate date)
    {
        for (var i = -1; i <= 1; i++)
        {
            var next = DateOfIsoWeek(ctx, week, date.Year + i);
            if (next > date.Instant)
            {
                return next;
            }
        }

        // Cannot happen for weeks 1-54; stay safe and look again next year.
        return ctx.Make(date.Year + 1, 0, 1);
    }

    /// <summary><c>generateDateShifter</c>: evaluates a date selector one day (24 h) earlier, for the part of a range after midnight.</summary>
    public static Selector ShiftOneDay(Selector inner) => (ctx, date) =>
    {
        var shifted = ctx.At(date.Instant - Duration.FromMilliseconds(MsecInDay));
        var res = inner(ctx, shifted);
        if (res.Next is null)
        {
            return res;
        }

        return new SelResult(res.Match, res.Next.Value + Duration.FromMilliseconds(MsecInDay));
    };
}
