namespace Reperes.Web.SocialUtility;

/// <summary>
/// Social utility: each structure builds its frame of reference (values → criteria → indicators, from scratch or from
/// the network's template), follows its actions period by period with observations, testimonies and self-assessments,
/// reads its results; the coordinator aggregates what can honestly be aggregated across structures and may publish it.
/// </summary>
public static class SocialUtilityModule
{
    public static IServiceCollection AddSocialUtility(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SocialUtilityOptions>(configuration.GetSection(SocialUtilityOptions.Section));
        services.AddScoped<EvaluationAccess>();
        services.AddScoped<Frameworks.FrameworkEditing>();
        services.AddScoped<Results.ActionResults>();
        services.AddScoped<Territory.TerritoryAggregates>();
        services.AddSingleton<TestimonyRecordings>();
        services.AddSingleton<TestimonyRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<TestimonyRetention>());
        return services;
    }
}
