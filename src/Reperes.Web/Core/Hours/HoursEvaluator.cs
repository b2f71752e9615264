using System.Collections.Concurrent;
using Reperes.OpeningHours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Hours;

/// <summary>A temporary notice as the evaluator needs it (<paramref name="Id"/>: the stored notice's, for its text's translations; 0 when unknown).</summary>
public sealed record NoticeInfo(int StructureId, int? ServiceId, NoticeKind Kind, DateOnly StartsOn, DateOnly EndsOn, string Text, string? OpeningHours, int Id = 0)
{
    public static NoticeInfo Of(Notice n) => new(n.StructureId, n.ServiceId, n.Kind, n.StartsOn, n.EndsOn, n.Text, n.OpeningHours, n.Id);
}

/// <summary>
/// What a person needs to know now: open or not, a humane sentence, and the notice that explains it, if any (a state of
/// <see cref="OpenStates"/> in words).
/// </summary>
public sealed record HoursStatus(OpeningStatus Status, string Text, string? Comment, DateTimeOffset? NextChange, NoticeInfo? Cause)
{
    /// <summary>A state of <see cref="OpenStates"/> with its words (<see cref="OpenStateText"/>).</summary>
    public static HoursStatus Of(OpenState state, string text) =>
        new(state.Status, text, state.Comment, state.NextChange, state.Closure ?? state.ExceptionalHours);

    /// <summary>The comment of the hours, when the text does not already say it.</summary>
    public string? ExtraComment => Comment is { Length: > 0 } comment && !Text.Contains(comment, StringComparison.Ordinal) ? comment : null;

    public string CssClass => Status switch
    {
        OpeningStatus.Open => "open",
        OpeningStatus.Closed => "closed",
        OpeningStatus.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(Status), Status, null),
    };
}

/// <summary>
/// Parses and caches opening hours (a territory has far fewer distinct expressions than structures) and lays a week out
/// with dated notices on top of the regular hours. A place's state now is <see cref="OpenStates"/>'s.
/// </summary>
public sealed class HoursEvaluator
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private const int MaxCachedExpressions = 50_000;
    private readonly ConcurrentDictionary<string, OpeningHoursSchedule?> schedules = new(StringComparer.Ordinal);

    /// <summary>The parsed expression, or null when it is empty or invalid (then the hours are unknown).</summary>
    public OpeningHoursSchedule? Schedule(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression))
        {
            return null;
        }

        if (schedules.Count > MaxCachedExpressions)
        {
            schedules.Clear();
        }

        return schedules.GetOrAdd(expression, static e => OpeningHoursSchedule.TryParse(e, out var s, out _) ? s : null);
    }

    public static DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The expression in force on a day: exceptional hours replace the regular ones within their dates.</summary>
    public static string? EffectiveExpression(string? regular, IEnumerable<NoticeInfo> notices, DateOnly day) =>
        notices.FirstOrDefault(n => n.Kind == NoticeKind.ExceptionalHours && n.StartsOn <= day && day <= n.EndsOn)?.OpeningHours ?? regular;

    public static NoticeInfo? ActiveClosure(IEnumerable<NoticeInfo> notices, DateOnly day) =>
        notices.FirstOrDefault(n => n.Kind == NoticeKind.Closure && n.StartsOn <= day && day <= n.EndsOn);

    /// <summary>The seven days from <paramref name="firstDay"/>, each with the expression in force that day.</summary>
    public IReadOnlyList<WeekDay> Week(string? regular, IReadOnlyList<NoticeInfo> notices, DateOnly firstDay)
    {
        var days = new List<WeekDay>(7);
        for (var i = 0; i < 7; i++)
        {
            var day = firstDay.AddDays(i);
            var closure = ActiveClosure(notices, day);
            var schedule = Schedule(EffectiveExpression(regular, notices, day));
            if (closure is not null)
            {
                days.Add(new WeekDay(day, false, [], closure));
                continue;
            }

            if (schedule is null)
            {
                days.Add(new WeekDay(day, false, null, null));
                continue;
            }

            var computed = OpeningHoursText.Week(schedule, day)[0];
            days.Add(new WeekDay(day, computed.IsPublicHoliday, computed.Ranges, notices.FirstOrDefault(n => n.Kind == NoticeKind.ExceptionalHours && n.StartsOn <= day && day <= n.EndsOn)));
        }

        return days;
    }

    public static DateTimeOffset EndOfLocalDay(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, Zone.GetUtcOffset(midnight));
    }
}

/// <summary>One day of the week table: ranges null when the hours are unknown, empty when closed.</summary>
public sealed record WeekDay(DateOnly Date, bool IsPublicHoliday, IReadOnlyList<DayRange>? Ranges, NoticeInfo? Notice);
