using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Jobs;
using Reperes.Web.Data;

namespace Reperes.Web.SocialUtility;

/// <summary>
/// Erases every testimony past its retention date, with its codings and its recording: what a person said is kept no
/// longer than they were told. Idempotent (several instances may run it at once).
/// </summary>
public sealed class TestimonyRetention(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TestimonyRetention> logger) : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(6);

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>One pass at the application's clock; returns how many testimonies were erased.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var recordings = scope.ServiceProvider.GetRequiredService<TestimonyRecordings>();
        var expired = await db.Testimonies.Where(t => t.RetainUntil < today)
            .Select(t => new { t.Id, t.RecordingName })
            .ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }

        var ids = expired.Select(t => t.Id).ToList();
        var erased = await db.Testimonies.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var name in expired.Select(t => t.RecordingName).OfType<string>())
        {
            recordings.Delete(name);
        }

        logger.LogInformation("{Count} testimonies past their retention date erased", erased);
        return erased;
    }
}
