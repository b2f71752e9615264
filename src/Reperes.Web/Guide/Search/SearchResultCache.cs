using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Changes;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The answers of the searches asked in the current minute, by request, language and page size. Many people ask the
/// same few things ("manger" in their town, tonight): the first asks the index, the others, even asking at the same
/// moment, wait for that one answer. An answer holds the open states of its minute, so a new minute starts empty;
/// a change of the public data, here or on another instance (see <see cref="PublicChanges"/>), empties it too.
/// Within the minute the answers asked again stay and those asked once make room (see <see cref="MinuteGenerations{T}"/>).
/// </summary>
public sealed class SearchResultCache
{
    /// <summary>Answers larger than this many hits (maps, exports) are not kept: few people ask them twice.</summary>
    public const int MaxHits = SearchRequest.MaxPageSize;

    private readonly int capacity;
    private readonly MinuteGenerations<Task<SearchResult>> answers;
    private long hits;
    private long misses;

    public SearchResultCache(IOptions<ReperesOptions> options, PublicChanges changes)
    {
        capacity = options.Value.Search.CachedResults;
        answers = new(capacity);
        changes.Changed += Clear;
    }

    /// <summary>Answers given from the cache and computed, since the start (for the metrics and the benchmark).</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref hits), Interlocked.Read(ref misses));

    public bool Enabled => capacity > 0;

    private static readonly KeyValuePair<string, object?> FromCache = new("source", "cache");
    private static readonly KeyValuePair<string, object?> Computed = new("source", "computed");

    /// <summary>Forgets every answer kept (the data changed).</summary>
    public void Clear() => answers.Clear();

    /// <summary>
    /// The answer of <paramref name="key"/> in the minute of <paramref name="now"/>: kept, or computed by
    /// <paramref name="compute"/> (once, however many ask together) and kept when it is small enough.
    /// </summary>
    public async Task<SearchResult> GetOrComputeAsync(string key, DateTimeOffset now, Func<Task<SearchResult>> compute)
    {
        var minute = now.UtcTicks / TimeSpan.TicksPerMinute;
        if (answers.Find(minute, key) is { } kept)
        {
            Hit();
            return await kept;
        }

        var computing = new TaskCompletionSource<SearchResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = answers.Add(minute, key, computing.Task, 1);
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
                answers.Remove(minute, key, computing.Task);
            }

            return result;
        }
        catch (Exception exception)
        {
            // Not kept: the next request computes again; those waiting for this one get the same failure.
            answers.Remove(minute, key, computing.Task);
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
}
