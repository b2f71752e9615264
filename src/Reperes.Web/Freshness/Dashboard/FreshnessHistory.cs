using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Freshness.Dashboard;

/// <summary>The share of structures within their frequency at the end of one month.</summary>
public sealed record MonthPoint(DateOnly Month, int Fresh, int Total)
{
    /// <summary>Null for a month before any of today's structures existed: no data, which is not 0 %.</summary>
    public double? Share => Total == 0 ? null : (double)Fresh / Total;
}

/// <summary>
/// Reconstructs, month by month over the last 12 months, how many of today's online structures were within their
/// update frequency. Approximations, said on the page: today's list of online structures and today's frequencies
/// are used for every month; a month counts a structure from its creation; the dates known are the verifications
/// recorded (and each sheet's last verification), the sheet's saved changes (revisions), its last update and its
/// creation; the "unverified" mark of past months is not known. The rule is the one of <see cref="FreshnessRules"/>:
/// the last verification counts when there is one, otherwise the last change.
/// </summary>
public sealed class FreshnessHistory
{
    public const int Months = 12;

    private sealed class Timeline(DateTimeOffset createdAt, int frequency)
    {
        public DateTimeOffset CreatedAt { get; } = createdAt;
        public int Frequency { get; } = frequency;
        public int VerifiedWithin;
        public int VerifiedBefore;
        public int UpdatedWithin;
    }

    private readonly Dictionary<int, Timeline> timelines;

    /// <summary>The instant each point is measured at: the end of each of the 11 previous months, then now.</summary>
    public IReadOnlyList<(DateOnly Month, DateTimeOffset At)> Points { get; }

    /// <param name="now">The instant of the last point.</param>
    /// <param name="capacity">How many structures will be added, at most (room made once).</param>
    public FreshnessHistory(DateTimeOffset now, int capacity = 0)
    {
        timelines = new Dictionary<int, Timeline>(capacity);
        var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, HoursEvaluator.Zone).DateTime);
        var thisMonth = new DateOnly(local.Year, local.Month, 1);
        var points = new List<(DateOnly, DateTimeOffset)>();
        for (var k = Months - 1; k >= 1; k--)
        {
            var month = thisMonth.AddMonths(-k);
            points.Add((month, StartOfLocalDay(month.AddMonths(1))));
        }

        points.Add((thisMonth, now));
        Points = points;
    }

    /// <summary>The earliest instant an event can matter: a year of frequency before the first point.</summary>
    public DateTimeOffset Horizon => Points[0].At.AddMonths(-12);

    /// <summary>Adds a structure that is online today, with the dates its row gives.</summary>
    public void Add(int id, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? verifiedAt, int frequency)
    {
        var timeline = new Timeline(createdAt, frequency);
        timelines[id] = timeline;
        Update(timeline, createdAt);
        Update(timeline, updatedAt);
        if (verifiedAt is { } verified)
        {
            Verify(timeline, verified);
        }
    }

    /// <summary>A verification recorded at <paramref name="at"/> for an online structure added before (others are ignored).</summary>
    public void Verified(int id, DateTimeOffset at)
    {
        if (at > Horizon && timelines.TryGetValue(id, out var timeline))
        {
            Verify(timeline, at);
        }
    }

    /// <summary>A saved change (a sheet revision) at <paramref name="at"/> for an online structure added before (others are ignored).</summary>
    public void Updated(int id, DateTimeOffset at)
    {
        if (at > Horizon && timelines.TryGetValue(id, out var timeline))
        {
            Update(timeline, at);
        }
    }

    public IReadOnlyList<MonthPoint> Compute()
    {
        var fresh = new int[Points.Count];
        var total = new int[Points.Count];
        foreach (var timeline in timelines.Values)
        {
            for (var k = 0; k < Points.Count; k++)
            {
                if (timeline.CreatedAt > Points[k].At)
                {
                    continue;
                }

                total[k]++;
                var bit = 1 << k;
                var within = (timeline.VerifiedBefore & bit) != 0 ? timeline.VerifiedWithin : timeline.UpdatedWithin;
                fresh[k] += (within & bit) != 0 ? 1 : 0;
            }
        }

        return Points.Select((p, k) => new MonthPoint(p.Month, fresh[k], total[k])).ToList();
    }

    private void Verify(Timeline timeline, DateTimeOffset at)
    {
        for (var k = 0; k < Points.Count; k++)
        {
            if (at <= Points[k].At)
            {
                timeline.VerifiedBefore |= 1 << k;
            }
        }

        timeline.VerifiedWithin |= Within(at, timeline.Frequency);
    }

    private void Update(Timeline timeline, DateTimeOffset at) => timeline.UpdatedWithin |= Within(at, timeline.Frequency);

    /// <summary>The points at which an event of <paramref name="at"/> still counts: at or after it, before its frequency ends.</summary>
    private int Within(DateTimeOffset at, int frequency)
    {
        var mask = 0;
        var end = at.AddMonths(frequency);
        for (var k = 0; k < Points.Count; k++)
        {
            if (at <= Points[k].At && Points[k].At < end)
            {
                mask |= 1 << k;
            }
        }

        return mask;
    }

    private static DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, HoursEvaluator.Zone.GetUtcOffset(local));
    }
}
