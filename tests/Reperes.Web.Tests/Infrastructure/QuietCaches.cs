using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Changes;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// For the tests that count what the caches of the public data gave: an instance's first reading of the change log
/// empties them once (it reads again the changes logged since its start), at a moment of its own, slower under load.
/// </summary>
public static class QuietCaches
{
    /// <summary>Runs <paramref name="steps"/> again (up to five times) when the caches were emptied while they ran.</summary>
    public static async Task<T> WithoutCacheResetAsync<T>(this ReperesApp app, Func<Task<T>> steps)
    {
        var changes = app.Services.GetRequiredService<PublicChanges>();
        var cache = app.Services.GetRequiredService<SearchResultCache>();
        var resets = 0;
        void Count() => Interlocked.Increment(ref resets);
        changes.Changed += Count;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var before = Volatile.Read(ref resets);
                var result = await steps();
                if (Volatile.Read(ref resets) == before || attempt == 5)
                {
                    return result;
                }

                // What the steps kept after the caches were emptied would answer the next attempt from memory: emptied
                // again, the next attempt starts as the first did (the kept pages go with the answers they were made from).
                cache.Clear();
            }
        }
        finally
        {
            changes.Changed -= Count;
        }
    }
}
