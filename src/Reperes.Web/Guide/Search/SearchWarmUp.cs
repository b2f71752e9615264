using System.Globalization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// Prepares, once the read model is loaded (at once when it is switched off), what the first searches would otherwise
/// prepare together while people wait: the French communes, the guide's communes, the index's vocabulary, the
/// search's lexicon, the database's queries and the code of the search. At 100,000 structures the first search alone
/// took 1.1 s and a commune's 0.9 s, and the first sixteen people arriving together waited 1.4–2.5 s each.
/// </summary>
/// <remarks>The searches are computed, neither kept nor counted: nobody asked them.</remarks>
public sealed class SearchWarmUp(
    IServiceScopeFactory scopes,
    SearchReadModel model,
    GuideCatalog catalog,
    CommuneDirectory communes,
    SearchIndex index,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    ILogger<SearchWarmUp> logger) : BackgroundService
{
    /// <summary>How long the warm-up waits for the read model before searching the database instead (a load failing).</summary>
    private static readonly TimeSpan ModelWait = TimeSpan.FromMinutes(5);

    private readonly TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the searches have run (or were not to run).</summary>
    public Task Done => done.Task;

    /// <summary>Searches computed by the warm-up.</summary>
    public int Searches { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!options.Value.Search.WarmUp)
            {
                return;
            }

            await WhenStartedAsync(stoppingToken);

            // What every search reads first, read now (a search arriving meanwhile shares the reading under way): the
            // taxonomy and the index's vocabulary. Light, unlike a search: PostgreSQL's vocabulary (ts_stat) took 0.6 s
            // of the first search's 2.6 s at 100,000 structures.
            _ = catalog.Needs;
            await index.VocabularyAsync(scopes, stoppingToken);
            if (options.Value.Search.ReadModel)
            {
                // Not before: searching the database meanwhile would slow both the first people and the model's load.
                try
                {
                    await model.Loaded.WaitAsync(ModelWait, stoppingToken);
                }
                catch (TimeoutException)
                {
                    logger.LogWarning("Search warm-up: the read model was not loaded after {Minutes} minutes; warming up through the database", ModelWait.TotalMinutes);
                }
            }

            await SearchAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            // Only the first people's wait is at stake: the instance serves as before.
            logger.LogWarning(exception, "Search warm-up failed");
        }
        finally
        {
            done.TrySetResult();
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>The kinds of search of the guide's pages: words, a need, in the busiest commune, open now, nearby.</summary>
    private IEnumerable<SearchRequest> Requests()
    {
        var need = catalog.Needs.FirstOrDefault();
        var busiest = communes.All().FirstOrDefault();
        var words = need?.NameFr ?? "aide";
        yield return new SearchRequest { Query = words };
        yield return new SearchRequest { Query = words + "s", Open = "now" };
        if (need is not null)
        {
            yield return new SearchRequest { Need = need.Code, Open = "today" };
        }

        if (busiest is not null)
        {
            yield return new SearchRequest { Query = words, Commune = busiest.Name };
            yield return new SearchRequest
            {
                Need = need?.Code,
                Latitude = busiest.Latitude.ToString(CultureInfo.InvariantCulture),
                Longitude = busiest.Longitude.ToString(CultureInfo.InvariantCulture),
                Sort = "distance",
            };
        }
    }

    private async Task SearchAsync(CancellationToken stoppingToken)
    {
        var culture = CultureInfo.GetCultureInfo("fr");
        foreach (var request in Requests())
        {
            // A change signalled meanwhile (the first reading of the log after the start) has the model read again:
            // waited for, briefly, so that the warm-up prepares the model's code rather than the database's.
            for (var waited = 0; options.Value.Search.ReadModel && model.Current is null && waited < 100; waited++)
            {
                await Task.Delay(50, stoppingToken);
            }

            await using var scope = scopes.CreateAsyncScope();
            var search = scope.ServiceProvider.GetRequiredService<SearchService>();
            await search.ComputeAsync(request, clock.GetUtcNow(), culture, SearchRequest.MaxPageSize, stoppingToken);
            Searches++;
        }
    }
}
