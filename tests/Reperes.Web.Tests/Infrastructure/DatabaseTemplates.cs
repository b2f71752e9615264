using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// The databases the test applications start from. Migrating and seeding the demo data (its accounts' password hashes
/// above all) was most of an application's start-up: it is done once per engine and kind (demo data or empty) per run,
/// by a first application whose database is then kept as a template, and every other application gets a copy (SQLite:
/// the file; PostgreSQL: CREATE DATABASE … TEMPLATE …). The copy is the database that application would have made
/// itself: migrations and seeding are still run (by the template's application) and proved by MigrationTests and the
/// admin commands' tests.
/// </summary>
public static class DatabaseTemplates
{
    private const string PostgresPrefix = "reperes_template_";
    private const string PostgresNameTimeFormat = "yyyyMMddHHmm";

    private static readonly ConcurrentDictionary<(string Engine, bool DemoData), Slot> Slots = new();
    private static readonly string SqliteFolder = Path.Combine(Path.GetTempPath(), "reperes-tests", "templates-" + Guid.NewGuid().ToString("N")[..12]);
    private static readonly Lock CleanupGate = new();
    private static bool cleanupRegistered;

    /// <summary>A template: the SQLite file to copy, or the PostgreSQL database to copy from.</summary>
    public sealed record Template(string Engine, bool DemoData, string Source);

    /// <summary>The template of <paramref name="engine"/> and kind, made on first use (the callers of the same kind wait for it).</summary>
    public static Template For(string engine, bool demoData)
    {
        var slot = Slots.GetOrAdd((engine, demoData), _ => new Slot());
        lock (slot.Gate)
        {
            return slot.Template ??= Make(engine, demoData);
        }
    }

    /// <summary>A name for a PostgreSQL template, with its time of creation so that one left by a killed run can be dropped later.</summary>
    public static string NewPostgresName() =>
        PostgresPrefix + DateTime.UtcNow.ToString(PostgresNameTimeFormat, CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates database <paramref name="name"/> as a copy of <paramref name="template"/>, or empty.</summary>
    public static void CreatePostgresDatabase(string name, string? template)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Engines.CreatePostgresDatabase(name, template);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                // A connection to the template that Npgsql's pool had not closed yet.
                NpgsqlConnection.ClearAllPools();
                Thread.Sleep(250 * attempt);
            }
        }
    }

    private static Template Make(string engine, bool demoData)
    {
        RegisterCleanup();
        var application = new ReperesApp(engine, demoData) { BuildsTemplate = true };
        try
        {
            _ = application.Server; // migrates and seeds, as every application did before templates
        }
        catch
        {
            application.Dispose();
            throw;
        }

        Directory.CreateDirectory(SqliteFolder);
        var sqliteFile = Path.Combine(SqliteFolder, $"{engine}-{(demoData ? "demo" : "empty")}.db");
        var source = application.StopAndKeepDatabase(sqliteFile);
        if (engine == Engines.PostgreSql)
        {
            // No session may connect to a template while it is copied: none will.
            Execute($"ALTER DATABASE {source} WITH ALLOW_CONNECTIONS false");
        }

        return new Template(engine, demoData, source);
    }

    private static void RegisterCleanup()
    {
        lock (CleanupGate)
        {
            if (cleanupRegistered)
            {
                return;
            }

            cleanupRegistered = true;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteTemplates();
            if (Engines.PostgresServer is not null)
            {
                DropAbandonedPostgresTemplates();
            }
        }
    }

    private static void DeleteTemplates()
    {
        foreach (var template in Slots.Values.Select(s => s.Template).OfType<Template>().Where(t => t.Engine == Engines.PostgreSql))
        {
            Engines.DropPostgresDatabase(template.Source);
        }

        try
        {
            Directory.Delete(SqliteFolder, recursive: true);
        }
        catch (IOException)
        {
            // Already gone, or still open: the temp folder is cleaned by the system.
        }
    }

    /// <summary>Templates of runs that were killed before they could drop them (older than a day: no run lasts as long).</summary>
    private static void DropAbandonedPostgresTemplates()
    {
        var names = new List<string>();
        using (var connection = new NpgsqlConnection(Engines.PostgresServer))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT datname FROM pg_database WHERE datname LIKE '{PostgresPrefix}%'";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }

        var dayAgo = DateTime.UtcNow.AddDays(-1);
        foreach (var name in names)
        {
            var time = name[PostgresPrefix.Length..].Split('_')[0];
            if (DateTime.TryParseExact(time, PostgresNameTimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created)
                && created < dayAgo)
            {
                Engines.DropPostgresDatabase(name);
            }
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(Engines.PostgresServer);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed class Slot
    {
        public Lock Gate { get; } = new();

        public Template? Template { get; set; }
    }
}
