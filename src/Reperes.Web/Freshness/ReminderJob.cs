using Microsoft.Extensions.Options;
using Reperes.Web.Core.Jobs;

namespace Reperes.Web.Freshness;

/// <summary>
/// Runs the reminders inside the application, every <see cref="ReminderOptions.IntervalMinutes"/> minutes, at the
/// application's clock. Sending is idempotent, so several instances (or a cron running send-reminders too) never
/// send a reminder twice.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderJob> logger) : PeriodicJob(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(options.Value.IntervalMinutes);

    public async Task<ReminderRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendAsync(clock.GetUtcNow(), cancellationToken);
    }

    protected override Task RunScheduledAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);
}
