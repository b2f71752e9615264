using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Changes;

/// <summary>
/// What changed in the public guide, shared by every instance through the database, read by each instance every
/// second: the log of changed structures (<c>structure_changes</c>, written by triggers whoever writes) and a version
/// moved by the changes that touch everything (the taxonomy: <c>guide_changes</c>). When either moves, or when this
/// instance commits a write, <see cref="StructuresChanged"/> tells the search's read model which structures to read
/// again, then <see cref="Changed"/> tells the caches built from the public data (search answers, notices, the
/// search's vocabulary) to drop what they hold: a change saved on one instance shows on all of them within about a
/// second, with two tiny reads per second per instance.
/// </summary>
public sealed class PublicChanges(IServiceScopeFactory scopes, ILogger<PublicChanges> logger) : BackgroundService
{
    /// <summary>How often each instance reads the version.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Entries of the log of changed structures read again at each reading: an entry numbered earlier may commit
    /// after a later one (two writers at once on PostgreSQL), and must not be missed.
    /// </summary>
    private const int LogWindow = 200;

    /// <summary>Entries kept in the log: far more than any instance can be behind between two readings.</summary>
    private const int LogKept = 10_000;

    /// <summary>Beyond this many new entries at once, everything is read again rather than structure by structure.</summary>
    public const int LogRead = 5_000;

    private readonly object gate = new();
    private readonly HashSet<long> logSeen = [];
    private long version = -1;
    private long logLast = -1;
    private int readings;

    /// <summary>
    /// Raised first, with the structures that changed, or null when anything may have (a taxonomy change, another
    /// instance's change of the version): what is built from them (the search's read model) marks itself outdated
    /// before the caches built on top are emptied (<see cref="Changed"/>).
    /// </summary>
    public event Action<IReadOnlyCollection<int>?>? StructuresChanged;

    /// <summary>The caches to clear. Raised on the thread that noticed the change: handlers only drop what they hold.</summary>
    public event Action? Changed;

    /// <summary>The version last read (−1 before the first reading).</summary>
    public long Version => Interlocked.Read(ref version);

    /// <summary>The last entry of the log of changed structures read (−1 before the first reading).</summary>
    public long LogPosition => Interlocked.Read(ref logLast);

    /// <summary>Counts one change of anything public (the taxonomy), inside the writer's transaction.</summary>
    public static Task CountAsync(ReperesDbContext db, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("UPDATE guide_changes SET version = version + 1 WHERE id = 1", cancellationToken);

    /// <summary>This instance committed a change: its caches are dropped at once, without waiting for the next reading.</summary>
    public void Committed(IReadOnlyCollection<int>? structureIds = null)
    {
        StructuresChanged?.Invoke(structureIds);
        Changed?.Invoke();
    }

    /// <summary>Reads the version and the log now; raises the events when either moved since the last reading.</summary>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var connection = db.Database.GetDbConnection();
        var current = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT version FROM guide_changes WHERE id = 1", cancellationToken: cancellationToken));
        if (Interlocked.Read(ref logLast) < 0)
        {
            // The first reading also takes the window before the last entry: changes logged between the start of this
            // instance and now are read again (a structure read twice is read the same).
            var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM structure_changes", cancellationToken: cancellationToken)) ?? 0;
            Interlocked.CompareExchange(ref logLast, last, -1);
        }

        var from = Math.Max(0, Interlocked.Read(ref logLast) - LogWindow);
        var entries = (await connection.QueryAsync<(long Sequence, int StructureId)>(new CommandDefinition(
            "SELECT seq, structure_id FROM structure_changes WHERE seq > @from ORDER BY seq LIMIT " + (LogRead + 1), new { from }, cancellationToken: cancellationToken))).AsList();
        var bulk = entries.Count > LogRead;
        if (bulk)
        {
            // A bulk load (an import, a generation): everything is read again, from the last entry on.
            var last = await connection.ExecuteScalarAsync<long?>(new CommandDefinition("SELECT MAX(seq) FROM structure_changes", cancellationToken: cancellationToken)) ?? 0;
            entries = [(last, 0)];
        }
        var changed = new HashSet<int>();
        lock (gate)
        {
            foreach (var (sequence, structureId) in entries)
            {
                if (logSeen.Add(sequence))
                {
                    changed.Add(structureId);
                }

                if (sequence > logLast)
                {
                    logLast = sequence;
                }
            }

            logSeen.RemoveWhere(sequence => sequence <= logLast - LogWindow);
        }

        var previous = Interlocked.Exchange(ref version, current);
        var moved = (previous != current && previous >= 0) || bulk;
        if (moved || changed.Count > 0)
        {
            StructuresChanged?.Invoke(moved ? null : changed);
            Changed?.Invoke();
        }

        if (++readings % 600 == 0)
        {
            // About every ten minutes: the log's old entries go (every instance has read them long ago).
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM structure_changes WHERE seq < (SELECT MAX(seq) FROM structure_changes) - " + LogKept, cancellationToken: cancellationToken));
        }

        return moved || changed.Count > 0;
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

/// <summary>
/// The write path's side: the triggers of migration 0032 log every structure write for the other instances; this
/// instance drops what it holds of the structures written as soon as the write is committed.
/// </summary>
public sealed class PublicChangeIndex(PublicChanges changes) : IStructureIndex
{
    public Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public void Committed(IReadOnlyCollection<int> structureIds) => changes.Committed(structureIds);
}
