using NodaTime;

namespace Reperes.OpeningHours.Internal;

/// <summary>Result of a selector, as in opening_hours.js: [matches, next change, open end, holiday name].</summary>
internal readonly record struct SelResult(bool Match, Instant? Next, bool OpenEnd = false, string? Name = null);

internal delegate SelResult Selector(EvalContext ctx, JsDate date);

internal sealed class Rule
{
    public required Selector[][] Date { get; init; }

    public required Selector[] Time { get; init; }

    public bool Fallback { get; init; }

    public bool Additional { get; init; }

    public bool Meaning { get; init; }

    public bool Unknown { get; init; }

    public bool Wrapped { get; init; }

    public string? Comment { get; init; }
}

/// <summary>Mutable rule while parsing.</summary>
internal sealed class RuleBuilder
{
    public List<Selector> Time { get; } = [];

    public List<Selector> WrapTime { get; } = [];

    public List<Selector> Weekday { get; } = [];

    public List<Selector> Holiday { get; } = [];

    public List<Selector> Week { get; } = [];

    public List<Selector> Month { get; } = [];

    public List<Selector> Monthday { get; } = [];

    public List<Selector> Year { get; } = [];

    public bool Meaning { get; set; } = true;

    public bool Unknown { get; set; }

    public string? Comment { get; set; }

    /// <summary>Date selector groups, widest first (the order opening_hours.js uses; it affects next-change lookups).</summary>
    public Selector[][] DateGroups()
    {
        var groups = new List<Selector[]>();
        foreach (var list in new[] { Year, Holiday, Month, Monthday, Week, Weekday })
        {
            if (list.Count > 0)
            {
                groups.Add([.. list]);
            }
        }

        return [.. groups];
    }
}
