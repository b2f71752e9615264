using System.Globalization;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Freshness;

/// <summary>send-reminders as a cron runs it: the application's executable in its own process (SQLite).</summary>
public sealed class SendRemindersCommandTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments) =>
        AdminProcess.RunAsync(dataDirectory, arguments, new Dictionary<string, string> { ["Reperes__PublicBaseUrl"] = "https://reperes.example" });

    [Fact]
    public async Task SendReminders_AsOfALaterDate_SendsOncePerDueStructureAndSaysHowMany()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            (await RunAsync(directory, "seed-demo")).ExitCode.ShouldBe(0);

            // The demo's sheets were verified up to 200 days before today: in 200 days, every one is due. Only the
            // two with a manager can be reminded.
            var asOf = DateTime.UtcNow.AddDays(200).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var first = await RunAsync(directory, "send-reminders", "--as-of", asOf);
            var second = await RunAsync(directory, "send-reminders", "--as-of", asOf);
            var wrong = await RunAsync(directory, "send-reminders", "--as-of", "1er juin");

            first.ExitCode.ShouldBe(0, first.Output);
            first.Output.ShouldContain("2 reminders sent (2 e-mails)");
            first.Output.ShouldContain("without a manager to remind");
            second.Output.ShouldContain("0 reminders sent (0 e-mails)");
            wrong.ExitCode.ShouldBe(2);
            wrong.Output.ShouldContain("--as-of takes a date written 2027-06-01");
            var mails = Mailbox.Read(directory);
            mails.Select(m => m.To).ShouldBe(["gestion.ozanam@demo.reperes.example", "gestion.restos@demo.reperes.example"], ignoreOrder: true);
            mails.ShouldAllBe(m => m.Body.Contains("https://reperes.example/mise-a-jour?code="));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
