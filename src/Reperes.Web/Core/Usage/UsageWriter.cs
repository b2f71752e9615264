using Microsoft.Extensions.Options;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Usage;

/// <summary>
/// Writes the counted events in batches every <see cref="UsageOptions.FlushSeconds"/> seconds, and whatever is left
/// when the application stops cleanly. Only inserts: several instances on one database never touch each other's rows.
/// </summary>
public sealed class UsageWriter(UsageCounter counter, IServiceScopeFactory scopes, IOptions<UsageOptions> options, ILogger<UsageWriter> logger) : BackgroundService
{
    private const int BatchSize = 1_000;

    // Never disposed: the host may stop the writer after disposing it, and a flush must still run then.
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Writes every queued event now; returns how many were written.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var written = 0;
            var batch = new List<UsageEvent>(BatchSize);
            while (true)
            {
                batch.Clear();
                while (batch.Count < BatchSize && counter.Queue.TryRead(out var item))
                {
                    batch.Add(item);
                }

                if (batch.Count == 0)
                {
                    return written;
                }

                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
                    db.UsageEvents.AddRange(batch);
                    await db.SaveChangesAsync(cancellationToken);
                    written += batch.Count;
                }
                catch (OperationCanceledException)
                {
                    // Stopping while a batch was being written (rolled back): StopAsync's last flush writes it.
                    counter.Requeue(batch);
                    throw;
                }
                catch (Exception exception)
                {
                    // The database may be down for a moment: the events wait in the queue for the next flush.
                    logger.LogWarning(exception, "{Count} usage events could not be written; they are kept for the next try", batch.Count);
                    counter.Requeue(batch);
                    return written;
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.FlushSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        var written = await FlushAsync(CancellationToken.None);
        if (written > 0)
        {
            logger.LogInformation("{Count} usage events written at shutdown", written);
        }
    }
}
