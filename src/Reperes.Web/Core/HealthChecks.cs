using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Reperes.Web.Data;

namespace Reperes.Web.Core;

/// <summary>
/// /health/live: the process answers (restart it if not). /health/ready (and /health): it may be sent requests — the
/// database answers with its schema migrated, the shared storage takes a file, and the application is not stopping.
/// </summary>
public static class HealthChecks
{
    public const string Ready = "ready";

    public static void Map(IEndpointRouteBuilder app)
    {
        var statuses = new Dictionary<HealthStatus, int>
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        };
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResultStatusCodes = statuses });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResultStatusCodes = statuses });
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResultStatusCodes = statuses });
    }
}

/// <summary>Ready when the database answers and its schema is migrated.</summary>
public sealed class DatabaseHealthCheck(ReperesDbContext db, DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!migrator.IsUpToDate)
            {
                return HealthCheckResult.Unhealthy("Database not migrated yet.");
            }

            return await db.Database.CanConnectAsync(cancellationToken) && await db.Needs.AnyAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Database unreachable.");
        }
        catch (Exception exception) when (exception is DbUpdateException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", exception);
        }
    }
}

/// <summary>Ready when a file can be written to and removed from the shared storage (media, referral documents).</summary>
public sealed class StorageHealthCheck(IOptions<ReperesOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(options.Value.FullStorageDirectory, $".health-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(options.Value.FullStorageDirectory);
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("Storage not writable.", exception);
        }
    }
}

/// <summary>Not ready once the application is stopping: the proxy stops sending requests while those in flight finish.</summary>
public sealed class StoppingHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("Stopping.") : HealthCheckResult.Healthy());
}
