using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Data;

namespace Reperes.Web.Admin;

/// <summary>What a backup holds, written beside it as backup.json; a folder without it is not a Repères backup.</summary>
public sealed record BackupManifest(int Format, string Engine, DateTimeOffset CreatedAt, string LastMigration, long DatabaseBytes, int Files);

/// <summary>A backup or restore that cannot be done, with the reason in words (printed by the command, exit code 1).</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Backups of a site: the SQLite database copied by SQLite's online backup (a consistent snapshot while the site keeps
/// writing: readers never block the writer in WAL mode), checked with <c>PRAGMA integrity_check</c>, with the shared
/// files (media, referral documents) beside it. Written to "&lt;target&gt;.partial" and renamed when complete, so that a
/// backup interrupted half-way never looks like one. PostgreSQL's database is saved with pg_dump (see
/// docs/operations.md); its backup here holds the files. The data-protection keys are in the database.
/// </summary>
public static class Backups
{
    public const string ManifestName = "backup.json";
    public const string DatabaseName = "reperes.db";
    private const int Format = 1;

    /// <summary>The shared folders worth keeping (pending imports are an hour's work in progress: not kept).</summary>
    private static readonly string[] StorageFolders = ["media", "referrals"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<BackupManifest> CreateAsync(ReperesDbContext db, ReperesOptions options, string target, DateTimeOffset now, CancellationToken cancellationToken)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new BackupException($"'{target}' already exists: give a new folder for each backup.");
        }

        var partial = target + ".partial";
        if (Directory.Exists(partial))
        {
            Directory.Delete(partial, recursive: true);
        }

        Directory.CreateDirectory(partial);
        var postgres = db.Database.IsNpgsql();
        long databaseBytes = 0;
        if (!postgres)
        {
            var copy = Path.Combine(partial, DatabaseName);
            await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
            await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await source.OpenAsync(cancellationToken);
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);
                await CheckIntegrityAsync(destination, cancellationToken);
            }

            databaseBytes = new FileInfo(copy).Length;
        }

        var files = 0;
        foreach (var folder in StorageFolders)
        {
            files += CopyFolder(Path.Combine(options.FullStorageDirectory, folder), Path.Combine(partial, "storage", folder));
        }

        var manifest = new BackupManifest(Format, postgres ? "PostgreSQL" : "Sqlite", now, await LastMigrationAsync(db, cancellationToken), databaseBytes, files);
        await File.WriteAllTextAsync(Path.Combine(partial, ManifestName), JsonSerializer.Serialize(manifest, Json), cancellationToken);
        Directory.Move(partial, target);
        return manifest;
    }

    /// <summary>
    /// Puts a backup back in place of the current data, the application being stopped. Nothing is destroyed: the
    /// replaced database and folders are kept beside, named "….before-restore-&lt;time&gt;".
    /// </summary>
    public static async Task<BackupManifest> RestoreAsync(ReperesOptions options, string? connectionString, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        source = Path.GetFullPath(source);
        var manifestPath = Path.Combine(source, ManifestName);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"'{source}' is not a Repères backup (no {ManifestName}).");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, cancellationToken), Json)
            ?? throw new BackupException($"'{manifestPath}' cannot be read.");
        var engine = options.Database.Provider == DatabaseProvider.PostgreSQL ? "PostgreSQL" : "Sqlite";
        if (manifest.Format != Format || manifest.Engine != engine)
        {
            throw new BackupException($"This backup was made for {manifest.Engine} (format {manifest.Format}); this site runs {engine}.");
        }

        var suffix = ".before-restore-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        if (engine == "Sqlite")
        {
            var backup = Path.Combine(source, DatabaseName);
            await using (var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backup, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                await check.OpenAsync(cancellationToken);
                await CheckIntegrityAsync(check, cancellationToken);
            }

            var database = SqliteFile(options, connectionString);
            Directory.CreateDirectory(Path.GetDirectoryName(database)!);
            if (File.Exists(database))
            {
                // The database as it was, write-ahead log included, checkpointed into one file and kept.
                await using (var current = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
                {
                    await current.OpenAsync(cancellationToken);
                    await using var checkpoint = current.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                    await checkpoint.ExecuteNonQueryAsync(cancellationToken);
                }

                File.Move(database, database + suffix);
            }

            foreach (var leftover in new[] { database + "-wal", database + "-shm" }.Where(File.Exists))
            {
                File.Delete(leftover);
            }

            File.Copy(backup, database);
        }

        foreach (var folder in StorageFolders)
        {
            var current = Path.Combine(options.FullStorageDirectory, folder);
            if (Directory.Exists(current))
            {
                Directory.Move(current, current + suffix);
            }

            CopyFolder(Path.Combine(source, "storage", folder), current);
        }

        return manifest;
    }

    /// <summary>Deletes the oldest backups of <paramref name="directory"/> beyond the <paramref name="keep"/> most recent (only folders holding a manifest).</summary>
    public static IReadOnlyList<string> Prune(string directory, int keep)
    {
        var backups = Directory.Exists(directory)
            ? Directory.EnumerateDirectories(directory).Where(d => File.Exists(Path.Combine(d, ManifestName))).Order(StringComparer.Ordinal).ToList()
            : [];
        var removed = backups.Take(Math.Max(0, backups.Count - Math.Max(1, keep))).ToList();
        foreach (var old in removed)
        {
            Directory.Delete(old, recursive: true);
        }

        return removed;
    }

    /// <summary>The name of a scheduled backup, sortable by time.</summary>
    public static string ScheduledName(DateTimeOffset now) => "reperes-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);

    public static string SqliteFile(ReperesOptions options, string? connectionString) =>
        string.IsNullOrWhiteSpace(connectionString)
            ? Path.Combine(options.FullDataDirectory, DatabaseName)
            : Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    private static async Task CheckIntegrityAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        var result = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (result != "ok")
        {
            throw new BackupException($"The database copy fails SQLite's integrity check: {result}.");
        }
    }

    private static async Task<string> LastMigrationAsync(ReperesDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT MAX(version) FROM schema_migrations";
            return await command.ExecuteScalarAsync(cancellationToken) as string ?? "";
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }

    private static int CopyFolder(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return 0;
        }

        var count = 0;
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            count++;
        }

        return count;
    }
}

/// <summary>Reperes__Backup__…: scheduled backups of a single server (SQLite) by the application itself.</summary>
public sealed class BackupOptions
{
    /// <summary>Where scheduled backups go, one folder each (empty: no scheduled backup).</summary>
    public string? Directory { get; set; }

    public int IntervalHours { get; set; } = 24;

    /// <summary>How many scheduled backups are kept (the oldest beyond are deleted).</summary>
    public int Keep { get; set; } = 7;
}

/// <summary>
/// Scheduled backups into <see cref="BackupOptions.Directory"/>, the oldest beyond <see cref="BackupOptions.Keep"/>
/// deleted. For SQLite (a single server); a PostgreSQL cluster is saved by pg_dump from the database server, so the
/// instances do not all run it.
/// </summary>
public sealed class ScheduledBackup(IServiceScopeFactory scopes, IOptions<ReperesOptions> options, IOptions<BackupOptions> backup, TimeProvider clock, ILogger<ScheduledBackup> logger)
    : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(Math.Max(1, backup.Value.IntervalHours));

    protected override TimeSpan FirstDelay => TimeSpan.FromMinutes(5);

    public async Task<BackupManifest?> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(backup.Value.Directory))
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        if (db.Database.IsNpgsql())
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var manifest = await Backups.CreateAsync(db, options.Value, Path.Combine(backup.Value.Directory, Backups.ScheduledName(now)), now, cancellationToken);
        var removed = Backups.Prune(backup.Value.Directory, backup.Value.Keep);
        logger.LogInformation("Backup written ({Bytes} bytes of database, {Files} files); {Removed} older backup(s) deleted", manifest.DatabaseBytes, manifest.Files, removed.Count);
        return manifest;
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}
