using Microsoft.Extensions.Options;

namespace Reperes.Web.Freshness;

/// <summary>
/// Runs the reminders inside the application, every <see cref="ReminderOptions.IntervalMinutes"/> minutes, at the
/// application's clock. Sending is idempotent, so several instances (or a cron running send-reminders too) never
/// send a reminder twice.
/// </summary>
public sealed class ReminderJob(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ReminderOptions> options, ILogger<ReminderJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.IntervalMinutes));

        // Let the application finish starting before the first run.
        await Task.Delay(TimeSpan.FromSeconds(30), stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The next run tries again: a failing database or mail server must not stop the application.
                logger.LogError(exception, "The reminders' run failed");
            }

            await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task<ReminderRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderSender>().SendAsync(clock.GetUtcNow(), cancellationToken);
    }
}
