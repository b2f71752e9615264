namespace Reperes.Web.Statistics;

/// <summary>
/// The coordinator's reading of the anonymous counts (Core/Usage): statistics pages with charts, tables and CSV, the
/// searches that found little grouped by meaning (with the synonym to teach the search), and the yearly report.
/// </summary>
public static class StatisticsModule
{
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddScoped<UsageStatistics>();
        services.AddScoped<UnmetNeeds>();
        services.AddScoped<ActivityReport>();
        return services;
    }
}
