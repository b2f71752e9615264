using Reperes.Web.Admin.Demo;

namespace Reperes.Web.Admin;

/// <summary>Administration: the demo data (loaded at start when configured); the subcommands run outside the web host.</summary>
public static class AdminModule
{
    public static IServiceCollection AddAdmin(this IServiceCollection services) => services.AddScoped<DemoData>();
}
