using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Changes;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The answers of the searches asked in the current minute, by request, language and page size. Many people ask the
/// same few things ("manger" in their town, tonight): the first asks the index, the others, even asking at the same
/// moment, wait for that one answer. An answer holds the open states of its minute, so a new minute starts empty;
/// a change of the public data, here or on another instance (see <see cref="PublicChanges"/>), empties it too.
/// </summary>
public sealed class SearchResultCache
{
    /// <summary>Answers larger than this many hits (maps, exports) are not kept: few people ask them twice.</summary>
    public const int MaxHits = SearchRequest.MaxPageSize;

    private readonly int capacity;
    private volatile Generation current = new(long.MinValue);
    private long hits;
    private long misses;

    public SearchResultCache(IOptions<ReperesOptions> options, PublicChanges changes)
    {
        capacity = options.Value.Search.CachedResults;
        changes.Changed += Clear;
    }

    /// <summary>Answers given from the cache and computed, since the start (for the metrics and the benchmark).</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses));

    public bool Enabled => capacity > 0;

    private static readonly KeyValuePair<string, object?> FromCache = new("source", "cache");
    private static readonly KeyValuePair<string, object?> Computed = new("source", "computed");

    /// <summary>Forgets every answer kept (the data changed).</summary>
    public void Clear() => current = new Generation(current.Minute);

    /// <summary>
    /// The answer of <paramref name="key"/> in the minute of <paramref name="now"/>: kept, or computed by
    /// <paramref name="compute"/> (once, however many ask together) and kept when it is small enough.
    /// </summary>
    public async Task<SearchResult> GetOrComputeAsync(string key, DateTimeOffset now, Func<Task<SearchResult>> compute)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        var generation = current;
        if (generation.Minute != minute)
        {
            // The first request of a new minute starts an empty generation; one from a clock behind keeps none.
            if (minute < generation.Minute)
            {
                Miss();
                return await compute();
            }

            var fresh = new Generation(minute);
            generation = Interlocked.CompareExchange(ref current, fresh, generation) == generation ? fresh : current;
            if (generation.Minute != minute)
            {
                Miss();
                return await compute();
            }
        }

        if (generation.Answers.TryGetValue(key, out var kept))
        {
            Hit();
            return await kept;
        }

        if (generation.Answers.Count >= capacity)
        {
            Miss();
            return await compute();
        }

        var computing = new TaskCompletionSource<SearchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = generation.Answers.GetOrAdd(key, computing.Task);
        if (task != computing.Task)
        {
            Hit();
            return await task;
        }

        Miss();
        try
        {
            var result = await compute();
            computing.SetResult(result);
            if (result.Hits.Count > MaxHits)
            {
                generation.Answers.TryRemove(key, out _);
            }

            return result;
        }
        catch (Exception exception)
        {
            // Not kept: the next request computes again; those waiting for this one get the same failure.
            generation.Answers.TryRemove(key, out _);
            computing.SetException(exception);
            throw;
        }
    }

    private void Hit()
    {
        Interlocked.Increment(ref hits);
        Core.Observability.SearchAnswers.Add(1, FromCache);
    }

    private void Miss()
    {
        Interlocked.Increment(ref misses);
        Core.Observability.SearchAnswers.Add(1, Computed);
    }

    private sealed class Generation(long minute)
    {
        public long Minute { get; } = minute;

        public ConcurrentDictionary<string, Task<SearchResult>> Answers { get; } = new(StringComparer.Ordinal);
    }
}
