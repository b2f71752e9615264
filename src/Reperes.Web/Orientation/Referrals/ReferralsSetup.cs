using System.Globalization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>Registration of the referral requests: their services and the job that moves them on with time.</summary>
public static class ReferralsSetup
{
    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReferralOptions>(configuration.GetSection(ReferralOptions.Section));
        services.AddSingleton<ReferralDocuments>();
        services.AddScoped<ReferralNotifier>();
        services.AddScoped<ReferralSweeper>();
        services.AddScoped<ReferralAnswers>();
        services.AddSingleton<ReferralJob>();

        // Off with the other background runs (Reperes__Reminders__Enabled=false, as in tests, which run the sweeper
        // themselves at their clock), or alone, for a cron calling referrals-sweep.
        var options = configuration.GetSection(ReferralOptions.Section).Get<ReferralOptions>() ?? new ReferralOptions();
        if (options.JobEnabled && configuration.GetValue("Reperes:Reminders:Enabled", true))
        {
            services.AddHostedService(provider => provider.GetRequiredService<ReferralJob>());
        }

        return services;
    }
}

/// <summary>The admin subcommand referrals-sweep [--as-of DATE]: one run of reminders, expiries and erasures.</summary>
public static class ReferralSweepCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var index = Array.IndexOf(args, "--as-of");
        if (index >= 0)
        {
            if (index + 1 >= args.Length || !DateOnly.TryParseExact(args[index + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync("referrals-sweep: --as-of takes a date written 2027-06-01. See --help.");
                return 2;
            }

            now = ParisTime.ToInstant(day, new TimeOnly(9, 0));
        }

        var run = await services.GetRequiredService<ReferralSweeper>().RunAsync(now);
        Console.WriteLine($"Referral requests as of {now:yyyy-MM-dd HH:mm} UTC: {run.Reminded} reminded, {run.Expired} expired, {run.Erased} erased, {run.OrphanFiles} stray document(s) deleted.");
        return 0;
    }
}
