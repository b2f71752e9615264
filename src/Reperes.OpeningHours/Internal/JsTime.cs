using NodaTime;
using NodaTime.TimeZones;

namespace Reperes.OpeningHours.Internal;

/// <summary>
/// An instant with its local wall-clock reading, the equivalent of a JavaScript Date
/// evaluated with TZ set to the schedule's zone. The evaluator mirrors opening_hours.js,
/// which reasons in local wall time and builds dates with <c>new Date(y, m, d, h, min)</c>.
/// </summary>
internal readonly struct JsDate
{
    public JsDate(Instant instant, LocalDateTime local)
    {
        Instant = instant;
        Local = local;
    }

    public Instant Instant { get; }

    public LocalDateTime Local { get; }

    public int Year => Local.Year;

    /// <summary>0-based month, like JavaScript.</summary>
    public int Month0 => Local.Month - 1;

    public int Day => Local.Day;

    /// <summary>0 = Sunday .. 6 = Saturday, like JavaScript.</summary>
    public int WeekDay => (int)Local.DayOfWeek % 7;

    public int MinuteOfDay => (Local.Hour * 60) + Local.Minute;
}

/// <summary>Per-evaluation settings: zone and public holiday region.</summary>
internal sealed class EvalContext
{
    private static readonly ZoneLocalMappingResolver Lenient = Resolvers.LenientResolver;

    public EvalContext(DateTimeZone zone, PublicHolidayRegion region)
    {
        Zone = zone;
        Region = region;
    }

    public DateTimeZone Zone { get; }

    public PublicHolidayRegion Region { get; }

    public JsDate At(Instant instant) => new(instant, instant.InZone(Zone).LocalDateTime);

    /// <summary>
    /// <c>new Date(year, month0, day, 0, minutes)</c>: fields may overflow, skipped local times move
    /// forward by the gap and ambiguous ones take the earlier instant, as ECMAScript specifies.
    /// </summary>
    public Instant Make(int year, int month0, int day, int minutes = 0)
    {
        var y = year + FloorDiv(month0, 12);
        var m = month0 - (FloorDiv(month0, 12) * 12);
        var local = new LocalDate(y, m + 1, 1).PlusDays(day - 1).AtMidnight().PlusMinutes(minutes);
        return Resolve(local);
    }

    public Instant Resolve(LocalDateTime local) => Zone.ResolveLocal(local, Lenient).ToInstant();

    /// <summary><c>dateAtDayMinutes</c>: local midnight of the date's day plus minutes.</summary>
    public Instant AtDayMinutes(in JsDate date, int minutes) => Make(date.Year, date.Month0, date.Day, minutes);

    /// <summary><c>dateAtNextWeekday</c>: local midnight of the next given weekday (today included).</summary>
    public Instant AtNextWeekday(in JsDate date, int weekday)
    {
        var delta = weekday - date.WeekDay;
        return Make(date.Year, date.Month0, date.Day + delta + (delta < 0 ? 7 : 0));
    }

    public JsDate MakeDate(int year, int month0, int day) => At(Make(year, month0, day));

    private static int FloorDiv(int a, int b) => (int)Math.Floor(a / (double)b);
}
