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
          Reperes.Web --help                             this help

        Configuration (environment variables):
          Reperes__DataDirectory            data directory (database file, media, keys, mail), default ./data
          Reperes__Database__Provider       Sqlite (default) or PostgreSQL
          ConnectionStrings__Reperes        connection string (required for PostgreSQL)
          Reperes__DemoData                 true to load the demo data into an empty database at start-up
          Reperes__DemoUsage                true to add a year of invented use to the demo data (statistics)
          Reperes__Usage__Enabled           false to stop counting the guide's use (anonymous counts)
          Reperes__PublicBaseUrl            public address of the site, for links in e-mails
        """;

    private static readonly string[] Commands = ["migrate", "seed-demo", "generate", "reindex", "schema-script", "send-reminders", "send-list-digests", "referrals-sweep", "create-coordinator", "disable-two-factor", "import", "--help", "-h", "help"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args[0] is "--help" or "-h" or "help")
        {
            Console.WriteLine(Usage);
            return 0;
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
