using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Admin;

/// <summary>Administration subcommands of the application's executable (run instead of the web server).</summary>
public static class AdminCommands
{
    private const string Usage = """
        Repères — guide participatif des structures sociales

        Usage:
          Reperes.Web                                    start the web application (ASPNETCORE_URLS says where)
          Reperes.Web migrate                            create or migrate the database schema, load the taxonomy, then exit
          Reperes.Web seed-demo                          load the Brest demonstration data into an empty database
          Reperes.Web generate --structures N --seed S   add N synthetic structures spread over France (deterministic for S)
          Reperes.Web reindex                            rebuild the full-text search index
          Reperes.Web schema-script                      print the SQL that EF would create for the current engine (for writing migrations)
          Reperes.Web send-reminders [--as-of 2027-06-01] send the reminders of fresh data due now (or as of that date) and print how many
          Reperes.Web send-list-digests [--as-of 2027-06-07] send this week's digests of changes in professionals' lists (once per person and week)
          Reperes.Web referrals-sweep [--as-of 2027-06-01] remind, expire and erase referral requests due now (or as of that date)
          Reperes.Web create-coordinator EMAIL [--name "Name"]  create the network's coordinator (or make an account one) and print a
                                                         link to choose the password (works once, for 24 hours)
          Reperes.Web disable-two-factor EMAIL           turn off two-step verification of an account whose phone and recovery codes are lost
          Reperes.Web import FILE [--services FILE] [--format data-inclusion|mediation-numerique|modele] [--source NAME] [--online] [--overwrite] [--apply]
                                                         plan (dry run) or --apply an import of structures, line by line
          Reperes.Web backup --to FOLDER                 a consistent copy of the SQLite database (while the site runs) and of the
                                                         shared files (media, referral documents) into a new FOLDER; with
                                                         PostgreSQL, the files only (save the database with pg_dump)
          Reperes.Web restore --from FOLDER              put a backup back, the site stopped (what it replaces is kept beside,
                                                         named ….before-restore-<time>)
          Reperes.Web --help                             this help

        Configuration (environment variables):
          Reperes__DataDirectory            data directory (SQLite database file, mail files), default ./data
          Reperes__StorageDirectory         shared files (media, referral documents), default the data directory
          Reperes__Backup__Directory        scheduled backups (SQLite) there, every __IntervalHours (24), keeping __Keep (7)
          Reperes__Database__Provider       Sqlite (default) or PostgreSQL
          ConnectionStrings__Reperes        connection string (required for PostgreSQL)
          Reperes__DemoData                 true to load the demo data into an empty database at start-up
          Reperes__DemoUsage                true to add a year of invented use to the demo data (statistics)
          Reperes__Usage__Enabled           false to stop counting the guide's use (anonymous counts)
          Reperes__PublicBaseUrl            public address of the site, for links in e-mails
        """;

    private static readonly string[] Commands = ["migrate", "seed-demo", "generate", "reindex", "schema-script", "send-reminders", "send-list-digests", "referrals-sweep", "create-coordinator", "disable-two-factor", "import", "backup", "restore", "--help", "-h", "help"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
        }

        if (args[0] == "restore")
        {
            // Before anything opens the database: it is about to be replaced.
            return await RestoreAsync(app, args);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        if (args[0] == "schema-script")
        {
            Console.WriteLine(db.Database.GenerateCreateScript());
            return 0;
        }

        var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(db, async cancellationToken =>
        {
            await scope.ServiceProvider.GetRequiredService<Core.ReferenceData>().EnsureTaxonomyAsync(cancellationToken);
            if (args[0] != "reindex")
            {
                await scope.ServiceProvider.GetRequiredService<Guide.Search.SearchIndex>().EnsureBuiltAsync(db, scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Reperes.Admin"), cancellationToken);
            }
        });

        switch (args[0])
        {
            case "migrate":
                Console.WriteLine($"Database up to date ({applied} migration(s) applied).");
                return 0;
            case "seed-demo":
                var loaded = await scope.ServiceProvider.GetRequiredService<Demo.DemoData>().LoadDemoAsync();
                Console.WriteLine(loaded == 0 ? "The database already has structures: demo data not loaded." : $"{loaded} demo structures loaded.");
                return 0;
            case "reindex":
                await scope.ServiceProvider.GetRequiredService<Guide.Search.SearchIndex>().RebuildAsync(db);
                await DatabaseMigrator.OptimizeAsync(db, full: true);
                Console.WriteLine("Search index rebuilt.");
                return 0;
            case "generate":
                var count = Option(args, "--structures");
                var seed = Option(args, "--seed") ?? 1;
                if (count is not > 0 || count > 1_000_000)
                {
                    await Console.Error.WriteLineAsync("generate: --structures N is required (1 to 1,000,000). See --help.");
                    return 2;
                }

                var generator = ActivatorUtilities.CreateInstance<SyntheticGenerator>(scope.ServiceProvider);
                var started = DateTime.UtcNow;
                var created = await generator.GenerateAsync(count.Value, seed, line => Console.WriteLine(line));
                await DatabaseMigrator.OptimizeAsync(db, full: true);
                Console.WriteLine($"{created} synthetic structures generated with seed {seed} in {(DateTime.UtcNow - started).TotalSeconds:F0} s.");
                return 0;
            case "backup":
                return await BackupAsync(app, db, args);
            case "create-coordinator":
                return await CreateCoordinatorAsync(scope.ServiceProvider, args);
            case "disable-two-factor":
                return await DisableTwoFactorAsync(scope.ServiceProvider, args);
            case "import":
                return await ImportCommand.RunAsync(scope.ServiceProvider, args, Console.Out, Console.Error);
            case "send-reminders":
                return await Freshness.SendRemindersCommand.RunAsync(scope.ServiceProvider, args);
            case "send-list-digests":
                return await Orientation.Lists.SendListDigestsCommand.RunAsync(scope.ServiceProvider, args);
            case "referrals-sweep":
                return await Orientation.Referrals.ReferralSweepCommand.RunAsync(scope.ServiceProvider, args);
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }

    private static async Task<int> BackupAsync(WebApplication app, ReperesDbContext db, string[] args)
    {
        if (OptionText(args, "--to") is not { } target)
        {
            await Console.Error.WriteLineAsync("backup: --to FOLDER is required (a new folder). See --help.");
            return 2;
        }

        try
        {
            var options = app.Services.GetRequiredService<IOptions<ReperesOptions>>().Value;
            var manifest = await Backups.CreateAsync(db, options, target, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
            Console.WriteLine(manifest.Engine == "Sqlite"
                ? $"Backup written to {Path.GetFullPath(target)}: database ({manifest.DatabaseBytes:N0} bytes, integrity checked) and {manifest.Files} files."
                : $"Files backed up to {Path.GetFullPath(target)} ({manifest.Files} files). Save the PostgreSQL database with pg_dump: see docs/operations.md.");
            return 0;
        }
        catch (BackupException refused)
        {
            await Console.Error.WriteLineAsync("backup: " + refused.Message);
            return 1;
        }
    }

    private static async Task<int> RestoreAsync(WebApplication app, string[] args)
    {
        if (OptionText(args, "--from") is not { } source)
        {
            await Console.Error.WriteLineAsync("restore: --from FOLDER is required (a folder written by backup). See --help.");
            return 2;
        }

        try
        {
            var options = app.Services.GetRequiredService<IOptions<ReperesOptions>>().Value;
            var manifest = await Backups.RestoreAsync(options, app.Configuration.GetConnectionString("Reperes"), source, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
            Console.WriteLine(manifest.Engine == "Sqlite"
                ? $"Backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC restored (database and {manifest.Files} files); what it replaced is kept beside, named ….before-restore-…. Start the site: newer migrations apply at start-up."
                : $"Files of the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm} UTC restored ({manifest.Files}); restore the PostgreSQL database with pg_restore: see docs/operations.md.");
            return 0;
        }
        catch (BackupException refused)
        {
            await Console.Error.WriteLineAsync("restore: " + refused.Message);
            return 1;
        }
    }

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && !string.IsNullOrWhiteSpace(args[index + 1]) ? args[index + 1] : null;
    }

    /// <summary>The first account of a production site, from the server itself: nobody can sign up as coordinator.</summary>
    private static async Task<int> CreateCoordinatorAsync(IServiceProvider services, string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("create-coordinator: the coordinator's e-mail address is required. See --help.");
            return 2;
        }

        var nameAt = Array.IndexOf(args, "--name");
        var name = nameAt > 0 && nameAt + 1 < args.Length ? args[nameAt + 1] : null;
        await services.GetRequiredService<Core.ReferenceData>().EnsureRolesAsync();
        var baseUrl = services.GetRequiredService<IOptions<ReperesOptions>>().Value.BaseUrlOutsideRequests(services.GetRequiredService<ILoggerFactory>().CreateLogger("Reperes.Admin"), "the password link");
        var (created, problem) = await Accounts.FirstCoordinator.CreateAsync(
            services.GetRequiredService<UserManager<ReperesUser>>(), args[1], name, baseUrl, services.GetRequiredService<TimeProvider>().GetUtcNow());
        if (created is null)
        {
            await Console.Error.WriteLineAsync($"create-coordinator: {problem}");
            return 1;
        }

        Console.WriteLine(created.AccountExisted
            ? $"{created.Email} already had an account: it is now a coordinator's."
            : $"Coordinator account created for {created.Email}.");
        Console.WriteLine("To choose the password, open this link (it works once, for 24 hours; give it only to that person):");
        Console.WriteLine(created.Link);
        return 0;
    }

    /// <summary>For a person who lost both the phone and the recovery codes, once the coordination has checked who asks.</summary>
    private static async Task<int> DisableTwoFactorAsync(IServiceProvider services, string[] args)
    {
        var users = services.GetRequiredService<UserManager<ReperesUser>>();
        var user = args.Length > 1 ? await users.FindByEmailAsync(args[1].Trim()) : null;
        if (user is null)
        {
            await Console.Error.WriteLineAsync("disable-two-factor: an account's e-mail address is required (no account has this one). See --help.");
            return 1;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Console.WriteLine($"Two-step verification is off for {user.Email}: the password alone signs in.");
        return 0;
    }

    private static int? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
    }
}
