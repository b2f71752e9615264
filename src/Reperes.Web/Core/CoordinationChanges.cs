using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core;

/// <summary>
/// The version that the triggers of migration 0030 move at every change of the structures, services, teams,
/// reports, verifications and sheet revisions, whoever writes (the write path, an import, a script, another
/// instance). What is built in memory from those tables is kept while the version stays: one tiny read per request.
/// </summary>
public static class CoordinationChanges
{
    public static Task<long> VersionAsync(ReperesDbContext db, CancellationToken cancellationToken) =>
        db.Database.GetDbConnection().ExecuteScalarAsync<long>(
            new CommandDefinition("SELECT version FROM coordination_changes WHERE id = 1", cancellationToken: cancellationToken));
}

/// <summary>
/// One value built from the database and kept while <see cref="CoordinationChanges"/> stays at the version read
/// before building it: a change committed during the build moves the version, so the next request builds again.
/// Requests that find it outdated wait for a single build.
/// </summary>
public sealed class VersionedSnapshot<T>
    where T : class
{
    private readonly SemaphoreSlim building = new(1, 1);
    private volatile Entry? current;

    /// <summary>The value for the database's current version; <paramref name="usable"/> may refuse a kept value (built for another time).</summary>
    public async Task<T> GetAsync(ReperesDbContext db, Func<CancellationToken, Task<T>> build, CancellationToken cancellationToken, Func<T, bool>? usable = null)
    {
        var version = await CoordinationChanges.VersionAsync(db, cancellationToken);
        if (current is { } kept && kept.Version == version && (usable is null || usable(kept.Value)))
        {
            return kept.Value;
        }

        await building.WaitAsync(cancellationToken);
        try
        {
            version = await CoordinationChanges.VersionAsync(db, cancellationToken);
            if (current is { } built && built.Version == version && (usable is null || usable(built.Value)))
            {
                return built.Value;
            }

            // Dropped first: the old value and the new one are never both held.
            current = null;
            var value = await build(cancellationToken);
            current = new Entry(version, value);
            return value;
        }
        finally
        {
            building.Release();
        }
    }

    private sealed record Entry(long Version, T Value);
}
