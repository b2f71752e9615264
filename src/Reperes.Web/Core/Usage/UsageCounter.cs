using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Reperes.Web.Core.Usage;

/// <summary>
/// Where features count what people do. Counting never slows a page: the event goes into a queue in memory that
/// <see cref="UsageWriter"/> writes in batches; when the queue is full (the database down for long), events are
/// dropped and counted as such rather than held.
/// </summary>
public sealed class UsageCounter(IOptions<UsageOptions> options, TimeProvider clock)
{
    private const int Capacity = 100_000;

    private readonly Channel<UsageEvent> queue = Channel.CreateBounded<UsageEvent>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long dropped;

    /// <summary>Events not counted because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    internal ChannelReader<UsageEvent> Queue => queue.Reader;

    /// <summary>Counts <paramref name="fact"/> unless counting is off or the request is not a person's (robot, monitoring, prefetch).</summary>
    public void Count(HttpContext http, UsageFact fact)
    {
        if (options.Value.Enabled && !Robots.IsRobot(http.Request))
        {
            Enqueue(fact);
        }
    }

    /// <summary>
    /// Counts a call of the API or of an export: made by programs as much as by people, so scripting tools count; only
    /// crawlers, monitoring and prefetching are left out (<see cref="Robots.IsCrawler(HttpRequest)"/>).
    /// </summary>
    public void CountCall(HttpContext http, UsageFact fact)
    {
        if (options.Value.Enabled && !Robots.IsCrawler(http.Request))
        {
            Enqueue(fact);
        }
    }

    /// <summary>Counts <paramref name="fact"/> for an action that does not come with a request of its person (a referral sent by e-mail answer…).</summary>
    public void Count(UsageFact fact)
    {
        if (options.Value.Enabled)
        {
            Enqueue(fact);
        }
    }

    /// <summary>The words of a search as kept for the unmet needs: only for a search that found next to nothing.</summary>
    public string WordsToKeep(string normalisedWords, int results) =>
        results <= options.Value.FewResults ? UsageWords.Clean(normalisedWords) : "";

    /// <summary>Puts back events whose writing failed (they are written at the next flush).</summary>
    internal void Requeue(IEnumerable<UsageEvent> events)
    {
        foreach (var item in events)
        {
            if (!queue.Writer.TryWrite(item))
            {
                Interlocked.Increment(ref dropped);
            }
        }
    }

    private void Enqueue(UsageFact fact)
    {
        if (!queue.Writer.TryWrite(new UsageEvent(fact, clock.GetUtcNow())))
        {
            Interlocked.Increment(ref dropped);
        }
    }
}
