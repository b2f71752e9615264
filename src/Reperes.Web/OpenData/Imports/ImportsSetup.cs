namespace Reperes.Web.OpenData.Imports;

public static class ImportsSetup
{
    public static IServiceCollection AddImports(this IServiceCollection services)
    {
        services.AddScoped<Importer>();
        services.AddSingleton<ImportUploads>();
        return services;
    }
}
