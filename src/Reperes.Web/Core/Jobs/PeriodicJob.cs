namespace Reperes.Web.Core.Jobs;

/// <summary>
/// Work the application runs by itself every <see cref="Interval"/> (reminders, digests, referral sweeps), starting
/// a little after start-up. The work must be idempotent: several instances, or a cron running the same command, may
/// run it at once. A failing run is logged and tried again at the next one: a database or mail server down must not
/// stop the application.
/// </summary>
public abstract class PeriodicJob(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>How long after start-up the first run waits, so that the application finishes starting first.</summary>
    protected virtual TimeSpan FirstDelay => TimeSpan.FromSeconds(30);

    /// <summary>One run, as the command line runs it too.</summary>
    protected abstract Task RunScheduledAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = Interval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : Interval;
        await Task.Delay(FirstDelay, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            var job = new KeyValuePair<string, object?>("job", GetType().Name);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await RunScheduledAsync(stoppingToken);
                Observability.JobRuns.Add(1, job, new("outcome", "ok"));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Observability.JobRuns.Add(1, job, new("outcome", "failed"));
                logger.LogError(exception, "The run of {Job} failed", GetType().Name);
            }

            Observability.JobDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, job);

            await Task.Delay(interval, stoppingToken).ConfigureAwait(false);
        }
    }
}
