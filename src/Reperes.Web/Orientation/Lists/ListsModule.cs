using Reperes.Web.Shared.Orientation;

namespace Reperes.Web.Orientation.Lists;

/// <summary>Professionals' lists of places: pages under /mon-espace/listes, the "add to a list" forms, the weekly digest.</summary>
public static class ListsModule
{
    public const string ListsPath = "/mon-espace/listes";

    public static IServiceCollection AddPlaceLists(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ListDigestOptions>(configuration.GetSection(ListDigestOptions.Section));
        services.AddScoped<IListChoices, ListChoices>();
        services.AddScoped<ListChanges>();
        services.AddScoped<ListDigestSender>();
        services.AddSingleton<DigestUnsubscribe>();
        services.AddSingleton<ListDigestJob>();
        if (configuration.GetSection(ListDigestOptions.Section).Get<ListDigestOptions>() is not { Enabled: false })
        {
            services.AddHostedService(provider => provider.GetRequiredService<ListDigestJob>());
        }

        return services;
    }
}
