using System.Globalization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Freshness;

/// <summary>The admin subcommand send-reminders [--as-of DATE]: one run of the reminders, for a cron or to catch up.</summary>
public static class SendRemindersCommand
{

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var index = Array.IndexOf(args, "--as-of");
        if (index >= 0)
        {
            if (index + 1 >= args.Length || !DateOnly.TryParseExact(args[index + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync("send-reminders: --as-of takes a date written 2027-06-01. See --help.");
                return 2;
            }

            now = ParisTime.ToInstant(day, new TimeOnly(9, 0));
        }

        var run = await services.GetRequiredService<ReminderSender>().SendAsync(now);
        Console.WriteLine($"{run.Sent} reminders sent ({run.Emails} e-mails) as of {now:yyyy-MM-dd HH:mm} UTC; {run.Due} structures due, {run.WithoutManager} of them without a manager to remind.");
        return 0;
    }
}
