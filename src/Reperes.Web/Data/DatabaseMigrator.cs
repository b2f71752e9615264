using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace Reperes.Web.Data;

/// <summary>
/// Applies the versioned SQL migrations of the current engine (Data/Migrations/&lt;engine&gt;/NNNN_name.sql), in order,
/// each once, recorded in schema_migrations. Written by hand, in each engine's SQL (EF's design-time tools serve only
/// to compile the models); a test proves that the migrated schema equals the EF model on both engines.
/// </summary>
public sealed class DatabaseMigrator(ILogger<DatabaseMigrator> logger)
{
    private const long PostgresLockKey = 4_242_001;

    public bool IsUpToDate { get; private set; }

    public static IReadOnlyList<(string Version, string Sql)> MigrationsFor(bool postgres)
    {
        var folder = postgres ? ".Data.Migrations.PostgreSql." : ".Data.Migrations.Sqlite.";
        var assembly = typeof(DatabaseMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(folder, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: n[(n.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..^4], Sql: Read(assembly, n)))
            .OrderBy(m => m.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Applies the pending migrations, then <paramref name="seedInsideLock"/> (taxonomy, roles, demo data, search index)
    /// while still holding the migration lock: instances started together on an empty PostgreSQL database seed once,
    /// the others wait and find the data there.
    /// </summary>
    public async Task<int> MigrateAsync(ReperesDbContext db, Func<CancellationToken, Task>? seedInsideLock = null, CancellationToken cancellationToken = default)
    {
        var postgres = db.Database.IsNpgsql();
        await db.Database.OpenConnectionAsync(cancellationToken);
        // Two processes on one SQLite file (an upgrade started while the site runs, two instances on one server):
        // the same exclusion as PostgreSQL's advisory lock, with a lock file beside the database.
        using var sqliteLock = postgres ? null : await LockFileAsync(db.Database.GetDbConnection().DataSource, cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            if (postgres)
            {
                // Several instances may start together: one migrates, the others wait.
                await ExecuteAsync(connection, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
            }
            else
            {
                // Write-ahead log: readers never wait for a writer nor a writer for readers, and writers queue (each
                // command waits its turn up to its timeout) instead of failing. Kept in the file once set. The
                // synchronous level stays SQLite's default, FULL: an acknowledged write survives a power cut.
                await ExecuteAsync(connection, "PRAGMA journal_mode=WAL", cancellationToken);
            }

            try
            {
                await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (version VARCHAR(200) NOT NULL PRIMARY KEY, applied_at VARCHAR(40) NOT NULL)", cancellationToken);
                var applied = new HashSet<string>(StringComparer.Ordinal);
                await using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT version FROM schema_migrations";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        applied.Add(reader.GetString(0));
                    }
                }

                var count = 0;
                foreach (var (version, sql) in MigrationsFor(postgres))
                {
                    if (applied.Contains(version))
                    {
                        continue;
                    }

                    logger.LogInformation("Applying migration {Version}", version);
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await using (var command = connection.CreateCommand())
                    {
                        command.Transaction = transaction;
                        command.CommandText = sql;
                        command.CommandTimeout = 600;
                        await command.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await using (var record = connection.CreateCommand())
                    {
                        record.Transaction = transaction;
                        record.CommandText = "INSERT INTO schema_migrations (version, applied_at) VALUES (@v, @at)";
                        AddParameter(record, "@v", version);
                        AddParameter(record, "@at", DateTimeOffset.UtcNow.ToString("O"));
                        await record.ExecuteNonQueryAsync(cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                    count++;
                }

                if (seedInsideLock is not null)
                {
                    await seedInsideLock(cancellationToken);
                }

                IsUpToDate = true;
                return count;
            }
            finally
            {
                if (postgres)
                {
                    await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>An exclusive lock on "&lt;database&gt;.migrate-lock", waited for; none for an in-memory database.</summary>
    private async Task<FileStream?> LockFileAsync(string dataSource, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:")
        {
            return null;
        }

        var path = dataSource + ".migrate-lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Never deleted: a process waiting on a deleted file would lock a different one than the next comer.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 1200)
            {
                if (attempt == 0)
                {
                    logger.LogInformation("Another process is migrating {Database}: waiting for it", dataSource);
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Refreshes the planner's statistics: the search's plans depend on them (without, SQLite may drive a join from
    /// the wrong side). <paramref name="full"/> after a bulk load; otherwise SQLite's "optimize" only analyzes what changed.
    /// </summary>
    public static async Task OptimizeAsync(ReperesDbContext db, bool full, CancellationToken cancellationToken = default)
    {
        var sql = db.Database.IsNpgsql() ? "ANALYZE" : full ? "ANALYZE" : "PRAGMA optimize=0x10002";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        if (full && !db.Database.IsNpgsql())
        {
            // After a bulk load FTS5 holds many small segments: merged into one, every search reads less.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO structure_search(structure_search) VALUES('optimize')", cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
