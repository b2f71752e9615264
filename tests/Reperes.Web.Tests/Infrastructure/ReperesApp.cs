using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Reperes.Web.Core.Changes;
using Reperes.Web.Data;

namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// The whole application on one engine, with its own data directory (or PostgreSQL database), migrated at start-up
/// like in production, and a clock the test controls.
/// </summary>
public class ReperesApp : WebApplicationFactory<Program>
{
    /// <summary>Tuesday 24 November 2026, 10:00 in Brest: most structures are open.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(1));

    static ReperesApp()
    {
        // Hundreds of applications start during a run: configuration files are not watched (each watcher takes one
        // of the 128 inotify instances a user has on Linux), and any other watcher polls instead.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    private readonly Lock preparing = new();
    private string? postgresDatabase;
    private string? connectionString;
    private string? keepSqliteDatabaseAs;
    private IWebHostEnvironment? environment;
    private bool keepPostgresDatabase;

    public ReperesApp(string engine, bool demoData = true, DateTimeOffset? now = null)
    {
        Engine = engine;
        DemoData = demoData;
        Clock = new TestClock(now ?? DefaultNow);
        DataDirectory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string Engine { get; }

    public bool DemoData { get; }

    public TestClock Clock { get; }

    /// <summary>The API rate limit: high by default, so that only the test of the limit meets it.</summary>
    public int RequestsPerMinute { get; init; } = 1_000_000;

    public string DataDirectory { get; private set; }

    /// <summary>
    /// Another application whose database this one uses (started first if need be), as a second instance of the site
    /// would: the same PostgreSQL database, or the same SQLite file and data directory. Its owner drops it.
    /// </summary>
    public ReperesApp? SharesDatabaseWith { get; init; }

    /// <summary>
    /// With <see cref="SharesDatabaseWith"/>: the owner is not started first, so that both can be started at once on
    /// the same empty database, as two instances deployed together would be.
    /// </summary>
    public bool StartsWithOwner { get; init; }

    /// <summary>Runs the fresh data reminders' job in the background (off: the tests run it when they mean to).</summary>
    public bool RemindersEnabled { get; init; }

    /// <summary>Services the test adds or replaces (after the application's own), e.g. a part that fails on purpose.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>More configuration, as environment variables would give it ("Reperes:PublicBaseUrl" …).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    /// <summary>Migrates and seeds its own database, which becomes a template (see DatabaseTemplates).</summary>
    internal bool BuildsTemplate { get; init; }

    /// <summary>How the database was made: copied from a template, seeded by this application, or seeded to become a template.</summary>
    public string DatabaseOrigin { get; private set; } = "";

    /// <summary>
    /// Runs <paramref name="action"/> with a DbContext of this application. What it writes goes around the write path,
    /// as a script on the database would: the instance then reads the log of changes at once, as it would at its next
    /// reading within the second, so that the test's next request sees the change.
    /// </summary>
    public async Task<T> WithDbAsync<T>(Func<ReperesDbContext, Task<T>> action)
    {
        T result;
        await using (var scope = Services.CreateAsyncScope())
        {
            result = await action(scope.ServiceProvider.GetRequiredService<ReperesDbContext>());
        }

        await Services.GetRequiredService<PublicChanges>().CheckAsync(CancellationToken.None);
        return result;
    }

    public HttpClient CreateBrowserLikeClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Called before CreateHost (the settings below are read when the entry point builds the host): the database,
        // and so its connection string, must exist by now.
        PrepareDatabase();
        builder.UseEnvironment("Testing");
        builder.UseSetting("Reperes:DataDirectory", DataDirectory);
        builder.UseSetting("Reperes:DemoData", DemoData ? "true" : "false");
        builder.UseSetting("Reperes:Database:Provider", Engine);
        builder.UseSetting("Reperes:Reminders:Enabled", RemindersEnabled ? "true" : "false");
        builder.UseSetting("Reperes:ListDigests:Enabled", "false");

        // Searches of its own while a test counts what the caches and the read model answered: on in its own tests.
        builder.UseSetting("Reperes:Search:WarmUp", "false");
        builder.UseSetting("Reperes:Api:RequestsPerMinute", RequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:Reperes", connectionString);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var started = Stopwatch.GetTimestamp();
        var host = base.CreateHost(builder);
        AppStarts.Record(this, Stopwatch.GetElapsedTime(started));
        environment = host.Services.GetRequiredService<IWebHostEnvironment>();
        return host;
    }

    /// <summary>
    /// The host never disposes its file providers. Their polling watcher's timer (files are polled in tests, see the
    /// static constructor) holds the change tokens of the cached file versions, whose callbacks hold the stopped
    /// application: hundreds of them would stay in memory until the end of the run.
    /// </summary>
    private void DisposeFileProviders()
    {
        if (environment is null)
        {
            return;
        }

        foreach (var provider in new[] { environment.WebRootFileProvider, environment.ContentRootFileProvider })
        {
            var providers = provider is CompositeFileProvider composite ? composite.FileProviders : [provider];
            foreach (var disposable in providers.OfType<IDisposable>())
            {
                disposable.Dispose();
            }
        }

        environment = null;
    }

    /// <summary>
    /// The database the application starts with: a copy of the template of its engine and kind, unless its clock starts
    /// elsewhere than the templates' (the demo data's dates follow the clock at seeding) or it makes a template itself.
    /// </summary>
    private void PrepareDatabase()
    {
        // Called by the host's start, and by a second instance starting at the same time (StartsWithOwner).
        lock (preparing)
        {
            PrepareDatabaseOnce();
        }
    }

    private void PrepareDatabaseOnce()
    {
        if (DatabaseOrigin.Length > 0)
        {
            return;
        }

        if (SharesDatabaseWith is { } owner)
        {
            if (StartsWithOwner)
            {
                owner.PrepareDatabase();
            }
            else
            {
                _ = owner.Server;
            }

            DatabaseOrigin = "shared";
            connectionString = owner.connectionString;
            Directory.Delete(DataDirectory);
            DataDirectory = owner.DataDirectory;
            return;
        }

        var template = BuildsTemplate || Clock.Now != DefaultNow ? null : DatabaseTemplates.For(Engine, DemoData);
        DatabaseOrigin = BuildsTemplate ? "builds-template" : template is null ? "seeded" : "template";
        if (Engine == Engines.PostgreSql)
        {
            var name = BuildsTemplate ? DatabaseTemplates.NewPostgresName() : Engines.NewPostgresDatabaseName();
            DatabaseTemplates.CreatePostgresDatabase(name, template?.Source);
            postgresDatabase = name;
            connectionString = Engines.PostgresConnectionString(name);
        }
        else if (template is not null)
        {
            File.Copy(template.Source, Path.Combine(DataDirectory, "reperes.db"));
            if (File.Exists(template.Source + "-wal"))
            {
                File.Copy(template.Source + "-wal", Path.Combine(DataDirectory, "reperes.db-wal"));
            }
        }
    }

    /// <summary>Stops the application and keeps its database (moved to <paramref name="sqliteFile"/> on SQLite); returns where it is.</summary>
    internal string StopAndKeepDatabase(string sqliteFile)
    {
        keepSqliteDatabaseAs = sqliteFile;
        keepPostgresDatabase = true;
        Dispose();
        return Engine == Engines.PostgreSql ? postgresDatabase! : sqliteFile;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            DisposeFileProviders();
            Cleanup();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DisposeFileProviders();
        Cleanup();
    }

    private void Cleanup()
    {
        if (postgresDatabase is not null)
        {
            if (keepPostgresDatabase)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
            }
            else
            {
                Engines.DropPostgresDatabase(postgresDatabase);
            }
        }

        if (SharesDatabaseWith is not null)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var database = Path.Combine(DataDirectory, "reperes.db");
        if (keepSqliteDatabaseAs is not null && Engine == Engines.Sqlite && File.Exists(database))
        {
            File.Move(database, keepSqliteDatabaseAs);
            // A connection still open (a late request) keeps the last commits in the write-ahead log: it goes along.
            if (File.Exists(database + "-wal"))
            {
                File.Move(database + "-wal", keepSqliteDatabaseAs + "-wal");
            }
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a late request: the temp folder is cleaned by the system.
        }
    }
}

/// <summary>Demo applications shared by the read-only tests, one per engine, created on first use.</summary>
public sealed class SharedApps : IDisposable
{
    private readonly Dictionary<string, ReperesApp> apps = [];
    private readonly Lock gate = new();

    public ReperesApp For(string engine)
    {
        lock (gate)
        {
            if (!apps.TryGetValue(engine, out var app))
            {
                app = new ReperesApp(engine);
                _ = app.Server; // start now, under the lock
                apps[engine] = app;
            }

            return app;
        }
    }

    public void Dispose()
    {
        foreach (var app in apps.Values)
        {
            app.Dispose();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SharedAppsCollection : ICollectionFixture<SharedApps>
{
    public const string Name = "Shared demo applications";
}
