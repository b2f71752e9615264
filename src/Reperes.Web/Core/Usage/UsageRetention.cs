using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Usage;

/// <summary>
/// Folds the raw events older than <see cref="UsageOptions.RetentionMonths"/> months into monthly totals
/// (<see cref="UsageMonth"/>: no day, no hour) and deletes them, in one transaction. Several instances may run it at
/// once: on PostgreSQL a transaction lock lets one fold at a time, on SQLite the write transaction does.
/// </summary>
public sealed class UsageRetention(IServiceScopeFactory scopes, TimeProvider clock, IOptions<UsageOptions> options, ILogger<UsageRetention> logger) : PeriodicJob(logger)
{
    /// <summary>The PostgreSQL advisory lock of the fold (the migrator's is another).</summary>
    private const long PostgresLockKey = 7_351_204_118;

    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    /// <summary>The first local day whose events are kept raw at <paramref name="now"/>.</summary>
    public DateOnly Cutoff(DateTimeOffset now) => HoursEvaluator.LocalDate(now).AddMonths(-Math.Max(1, options.Value.RetentionMonths));

    /// <summary>One fold at the application's clock; returns how many raw events were folded and deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = Cutoff(clock.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        var old = db.UsageEvents.Where(e => e.Day < cutoff);
        var totals = await old
            .GroupBy(e => new { e.Month, e.Kind, e.NeedCode, e.CategoryCode, e.Commune, e.StructureId, e.Detail, e.Words, e.Results })
            .Select(g => new { g.Key, Total = g.Count() })
            .ToListAsync(cancellationToken);
        foreach (var (key, total) in totals.Select(t => (t.Key, t.Total)))
        {
            var kind = key.Kind.ToString();
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO usage_months (month, kind, need_code, category_code, commune, structure_id, detail, words, results, total)
                VALUES ({key.Month}, {kind}, {key.NeedCode}, {key.CategoryCode}, {key.Commune}, {key.StructureId}, {key.Detail}, {key.Words}, {key.Results}, {total})
                ON CONFLICT (month, kind, need_code, category_code, commune, structure_id, detail, words, results)
                DO UPDATE SET total = usage_months.total + excluded.total
                """,
                cancellationToken);
        }

        var deleted = await old.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("{Count} usage events before {Cutoff} folded into monthly totals", deleted, cutoff);
        }

        return deleted;
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}
