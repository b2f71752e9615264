using Reperes.Web.Admin.Demo;

namespace Reperes.Web.Admin;

/// <summary>Administration: the demo data (loaded at start when configured), scheduled backups; the subcommands run outside the web host.</summary>
public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DemoData>();
        var backups = configuration.GetSection("Reperes:Backup");
        services.Configure<BackupOptions>(backups);
        services.AddSingleton<ScheduledBackup>();
        if (!string.IsNullOrWhiteSpace(backups.Get<BackupOptions>()?.Directory))
        {
            services.AddHostedService(provider => provider.GetRequiredService<ScheduledBackup>());
        }

        return services;
    }
}
