using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Admin;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Admin;

/// <summary>`backup --to` and `restore --from`, run as an operator runs them: their own process, beside a site that keeps writing.</summary>
public sealed class BackupsTests
{
    private static string NewDirectory() => Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Backup_SqliteUnderWriteLoad_RestoreHoldsEveryAcknowledgedWriteAndPassesIntegrityCheck()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var photo = RandomNumberGenerator.GetBytes(200_000);
        var media = Path.Combine(app.DataDirectory, "media");
        Directory.CreateDirectory(media);
        await File.WriteAllBytesAsync(Path.Combine(media, "0123456789abcdef0123456789abcdef.jpg"), photo);
        await app.WithDbAsync(db => db.Needs.CountAsync());

        // Four writers, each write on its own connection, acknowledged when its INSERT returns.
        var acknowledged = new ConcurrentBag<(string Question, long At)>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var question = $"w{writer}-{n}";
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
                await db.Database.ExecuteSqlAsync($"INSERT INTO screening_counts (day, question, answer, total) VALUES ('2026-11-24', {question}, 'oui', 1)");
                acknowledged.Add((question, System.Diagnostics.Stopwatch.GetTimestamp()));
            }
        })).ToList();
        await Task.Delay(500);

        var target = NewDirectory();
        var backupStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var (backupExit, backupOutput) = await AdminProcess.RunAsync(app.DataDirectory, ["backup", "--to", target]);
        await Task.Delay(200);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        backupExit.ShouldBe(0, backupOutput);
        backupOutput.ShouldContain("integrity checked");
        Directory.Exists(target + ".partial").ShouldBeFalse();
        var restoredDirectory = NewDirectory();
        Directory.CreateDirectory(restoredDirectory);
        var (restoreExit, restoreOutput) = await AdminProcess.RunAsync(restoredDirectory, ["restore", "--from", target]);
        restoreExit.ShouldBe(0, restoreOutput);

        await using var restored = new SqliteConnection($"Data Source={Path.Combine(restoredDirectory, "reperes.db")};Pooling=false");
        await restored.OpenAsync();
        await using (var check = restored.CreateCommand())
        {
            check.CommandText = "PRAGMA integrity_check";
            (await check.ExecuteScalarAsync()).ShouldBe("ok");
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        await using (var read = restored.CreateCommand())
        {
            read.CommandText = "SELECT question FROM screening_counts WHERE day = '2026-11-24'";
            await using var rows = await read.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                kept.Add(rows.GetString(0));
            }
        }

        var beforeBackup = acknowledged.Where(w => w.At < backupStarted).Select(w => w.Question).ToList();
        beforeBackup.Count.ShouldBeGreaterThan(20, "the writers were writing");
        acknowledged.Count.ShouldBeGreaterThan(beforeBackup.Count, "the writers went on writing during the backup");
        beforeBackup.Where(q => !kept.Contains(q)).ShouldBeEmpty("a write acknowledged before the backup is missing");
        (await File.ReadAllBytesAsync(Path.Combine(restoredDirectory, "media", "0123456789abcdef0123456789abcdef.jpg"))).ShouldBe(photo);
    }

    [Fact]
    public async Task Restore_OverALiveDataDirectory_KeepsWhatItReplacesBeside()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        await app.WithDbAsync(db => db.Needs.CountAsync());
        var target = NewDirectory();
        (await AdminProcess.RunAsync(app.DataDirectory, ["backup", "--to", target])).ExitCode.ShouldBe(0);
        var other = NewDirectory();
        Directory.CreateDirectory(Path.Combine(other, "media"));
        await File.WriteAllTextAsync(Path.Combine(other, "media", "old.txt"), "avant");
        (await AdminProcess.RunAsync(other, ["migrate"])).ExitCode.ShouldBe(0);

        var (exit, output) = await AdminProcess.RunAsync(other, ["restore", "--from", target]);

        exit.ShouldBe(0, output);
        Directory.GetFiles(other, "reperes.db.before-restore-*").ShouldHaveSingleItem();
        Directory.GetDirectories(other, "media.before-restore-*").ShouldHaveSingleItem();
        File.Exists(Path.Combine(other, "reperes.db-wal")).ShouldBeFalse();
        (await AdminProcess.RunAsync(other, ["migrate"])).Output.ShouldContain("Database up to date (0 migration(s) applied)");
    }

    [Fact]
    public async Task BackupAndRestore_BadFolders_RefusedWithTheReasonAndNothingChanged()
    {
        var directory = NewDirectory();
        Directory.CreateDirectory(directory);
        var existing = NewDirectory();
        Directory.CreateDirectory(existing);

        var (backupExit, backupOutput) = await AdminProcess.RunAsync(directory, ["backup", "--to", existing]);
        var (restoreExit, restoreOutput) = await AdminProcess.RunAsync(directory, ["restore", "--from", existing]);
        var (missingExit, missingOutput) = await AdminProcess.RunAsync(directory, ["backup"]);

        backupExit.ShouldBe(1);
        backupOutput.ShouldContain("already exists: give a new folder for each backup");
        restoreExit.ShouldBe(1);
        restoreOutput.ShouldContain("is not a Repères backup (no backup.json)");
        missingExit.ShouldBe(2);
        missingOutput.ShouldContain("backup: --to FOLDER is required");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ScheduledBackup_Configured_WritesOneAndKeepsOnlyTheMostRecent(string engine)
    {
        var backups = NewDirectory();
        await using var app = new ReperesApp(engine) { Settings = { ["Reperes:Backup:Directory"] = backups, ["Reperes:Backup:Keep"] = "2" } };
        var job = app.Services.GetRequiredService<ScheduledBackup>();

        for (var run = 0; run < 3; run++)
        {
            var manifest = await job.RunOnceAsync(default);
            if (engine == Engines.PostgreSql)
            {
                manifest.ShouldBeNull("a PostgreSQL cluster is saved by pg_dump, not by each instance");
                continue;
            }

            manifest.ShouldNotBeNull().DatabaseBytes.ShouldBeGreaterThan(0);
            app.Clock.Now = app.Clock.Now.AddDays(1);
        }

        var kept = Directory.Exists(backups) ? Directory.GetDirectories(backups).Select(Path.GetFileName).Order().ToList() : [];
        kept.ShouldBe(engine == Engines.PostgreSql ? [] : ["reperes-20261125-090000", "reperes-20261126-090000"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Backup_EachEngine_DatabaseFileForSqliteFilesForBothAndPgDumpForPostgreSql(string engine)
    {
        await using var app = new ReperesApp(engine);
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        Directory.CreateDirectory(Path.Combine(app.DataDirectory, "referrals"));
        await File.WriteAllTextAsync(Path.Combine(app.DataDirectory, "referrals", "0123456789abcdef0123456789abcdef.pdf"), "%PDF-1.4");
        var target = NewDirectory();
        var environment = new Dictionary<string, string> { ["Reperes__Database__Provider"] = engine, ["ConnectionStrings__Reperes"] = connectionString };

        var (exit, output) = await AdminProcess.RunAsync(app.DataDirectory, ["backup", "--to", target], environment);

        exit.ShouldBe(0, output);
        File.ReadAllText(Path.Combine(target, "storage", "referrals", "0123456789abcdef0123456789abcdef.pdf")).ShouldBe("%PDF-1.4");
        File.ReadAllText(Path.Combine(target, "backup.json")).ShouldContain($"\"engine\": \"{engine}\"");
        if (engine == Engines.PostgreSql)
        {
            output.ShouldContain("Save the PostgreSQL database with pg_dump");
            File.Exists(Path.Combine(target, "reperes.db")).ShouldBeFalse();
        }
        else
        {
            output.ShouldContain("integrity checked");
            new FileInfo(Path.Combine(target, "reperes.db")).Length.ShouldBeGreaterThan(100_000);
        }
    }
}
