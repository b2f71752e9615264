using System.Collections.Concurrent;
using NodaTime;
using Reperes.OpeningHours.Internal;

namespace Reperes.OpeningHours;

/// <summary>
/// A parsed OpenStreetMap <c>opening_hours</c> value. Immutable and thread-safe: parse once, cache, and share.
/// Evaluation follows opening_hours.js: rules are applied in local wall-clock time of the options' time zone.
/// </summary>
public sealed class OpeningHoursSchedule
{
    private static readonly ConcurrentDictionary<(string Zone, PublicHolidayRegion Region), EvalContext> Contexts = new();
    private readonly Rule[] _rules;

    private OpeningHoursSchedule(string value, Rule[] rules)
    {
        Value = value;
        _rules = rules;
    }

    public string Value { get; }

    public static OpeningHoursSchedule Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new OpeningHoursSchedule(value, Parser.Parse(value));
    }

    public static bool TryParse(string value, out OpeningHoursSchedule? schedule, out OpeningHoursParseException? error)
    {
        try
        {
            schedule = Parse(value);
            error = null;
            return true;
        }
        catch (OpeningHoursParseException ex)
        {
            schedule = null;
            error = ex;
            return false;
        }
    }

    public OpeningState GetState(DateTimeOffset instant, OpeningHoursOptions? options = null)
    {
        var state = Evaluator.GetStatePair(_rules, Context(options), Instant.FromDateTimeOffset(instant));
        return new OpeningState(state.Status, state.Comment);
    }

    /// <summary>First instant after <paramref name="instant"/> and not after <paramref name="limit"/> where status or comment changes.</summary>
    public DateTimeOffset? GetNextChange(DateTimeOffset instant, DateTimeOffset limit, OpeningHoursOptions? options = null)
    {
        var ctx = Context(options);
        var limitInstant = Instant.FromDateTimeOffset(limit);
        // The reference iterator stops strictly before its limit; one tick later makes ours inclusive.
        var next = Evaluator.NextChange(_rules, ctx, Instant.FromDateTimeOffset(instant), limitInstant + Duration.FromTicks(1), out _);
        return next is null ? null : ToOffset(ctx, next.Value);
    }

    /// <summary>Open and unknown intervals between <paramref name="from"/> and <paramref name="to"/>, merged and clipped.</summary>
    public IReadOnlyList<OpeningInterval> GetIntervals(DateTimeOffset from, DateTimeOffset to, OpeningHoursOptions? options = null)
    {
        var result = new List<OpeningInterval>();
        if (to <= from)
        {
            return result;
        }

        var ctx = Context(options);
        var end = Instant.FromDateTimeOffset(to);
        var cursor = Instant.FromDateTimeOffset(from);
        var state = Evaluator.GetStatePair(_rules, ctx, cursor);
        while (cursor < end)
        {
            var next = Evaluator.NextChange(_rules, ctx, cursor, end, out var after) ?? end;
            if (state.Status != OpeningStatus.Closed)
            {
                var last = result.Count > 0 ? result[^1] : null;
                if (last is not null && last.End == ToOffset(ctx, cursor) && last.Status == state.Status && last.Comment == state.Comment)
                {
                    result[^1] = last with { End = ToOffset(ctx, next) };
                }
                else
                {
                    result.Add(new OpeningInterval(ToOffset(ctx, cursor), ToOffset(ctx, next), state.Status, state.Comment));
                }
            }

            cursor = next;
            state = after;
        }

        return result;
    }

    internal StatePair GetStatePair(Instant instant, EvalContext ctx) => Evaluator.GetStatePair(_rules, ctx, instant);

    internal Instant? NextChange(Instant instant, Instant limitExclusive, EvalContext ctx) =>
        Evaluator.NextChange(_rules, ctx, instant, limitExclusive, out _);

    internal static EvalContext Context(OpeningHoursOptions? options)
    {
        options ??= OpeningHoursOptions.Default;
        return Contexts.GetOrAdd((options.TimeZoneId, options.HolidayRegion), static key =>
        {
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(key.Zone)
                ?? throw new ArgumentException($"Unknown time zone '{key.Zone}'.", nameof(options));
            return new EvalContext(zone, key.Region);
        });
    }

    internal static DateTimeOffset ToOffset(EvalContext ctx, Instant instant) =>
        instant.InZone(ctx.Zone).ToDateTimeOffset();

    public override string ToString() => Value;
}
