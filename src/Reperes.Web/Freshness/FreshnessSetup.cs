using Reperes.Web.Freshness.Dashboard;
using Reperes.Web.Freshness.Reports;

namespace Reperes.Web.Freshness;

public static class FreshnessSetup
{
    /// <summary>Fresh data: the reminders (and their job when enabled), the campaigns, the recording of answers, the reports.</summary>
    public static IServiceCollection AddFreshness(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ReminderOptions>(configuration.GetSection(ReminderOptions.Section));
        services.AddScoped<FreshnessRecorder>();
        services.AddScoped<ReminderSender>();
        services.AddScoped<CampaignSender>();
        services.AddSingleton<ReminderJob>();
        services.AddSheetReports(configuration);
        services.AddSingleton<DashboardSnapshots>();
        services.AddScoped<DashboardData>();
        if (configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() is not { Enabled: false })
        {
            services.AddHostedService(provider => provider.GetRequiredService<ReminderJob>());
        }

        return services;
    }
}
