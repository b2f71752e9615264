using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Changes;

/// <summary>
/// The version of what the public guide shows, shared by every instance through the database: each structure write
/// adds one to it inside its transaction (<see cref="PublicChangeIndex"/>), and every instance reads it each second.
/// When it moves, or when this instance commits a write, <see cref="Changed"/> tells the caches built from the public
/// data (search results, notices, the search's vocabulary) to read again: a change saved on one instance shows on all
/// of them within about a second, with one tiny read per second per instance instead of a query per request.
/// </summary>
public sealed class PublicChanges(IServiceScopeFactory scopes, ILogger<PublicChanges> logger) : BackgroundService
{
    /// <summary>How often each instance reads the version.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private long version = -1;

    /// <summary>The caches to clear. Raised on the thread that noticed the change: handlers only drop what they hold.</summary>
    public event Action? Changed;

    /// <summary>The version last read (−1 before the first reading).</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>Counts one change, inside the writer's transaction (so that it is seen only once committed).</summary>
    public static Task CountAsync(ReperesDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("UPDATE guide_changes SET version = version + 1 WHERE id = 1", cancellationToken);

    /// <summary>This instance committed a change: its caches are dropped at once, without waiting for the next reading.</summary>
    public void Committed() => Changed?.Invoke();

    /// <summary>Reads the version now; raises <see cref="Changed"/> when it moved since the last reading.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var current = await db.Database.GetDbConnection().ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT version FROM guide_changes WHERE id = 1", cancellationToken: cancellationToken));
        var previous = Interlocked.Exchange(ref version, current);
        if (previous == current || previous < 0)
        {
            return false;
        }

        Changed?.Invoke();
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Before the migrations, or the database away for a moment: the next tick tries again.
                logger.LogDebug(exception, "The version of the public data could not be read");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The write path's side: every structure write counts as a change of the public data.</summary>
public sealed class PublicChangeIndex(PublicChanges changes) : IStructureIndex
{
    public Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) =>
        PublicChanges.CountAsync(db, cancellationToken);

    public void Committed(IReadOnlyCollection<int> structureIds, bool placesChanged) => changes.Committed();
}
