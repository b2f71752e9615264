using System.Net;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Orientation.Referrals;

/// <summary>referrals-sweep as a cron runs it: the application's executable in its own process (SQLite).</summary>
public sealed class ReferralSweepCommandTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments) =>
        AdminProcess.RunAsync(dataDirectory, arguments, new Dictionary<string, string> { ["Reperes__PublicBaseUrl"] = "https://reperes.example" });

    [Fact]
    public async Task ReferralsSweep_AsOfLaterDates_RemindsOnceThenExpiresAndSaysHowMany()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var app = new ReperesApp(Engines.Sqlite);
            var professional = await PublicationWorkflowTests.AsAsync(app, ReferralTests.Professional);
            var sent = await ReferralTests.SendAsync(professional, await ReferralTests.BagagerieAsync(app), ReferralTests.ValidForm(app));
            sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var day = Reperes.Web.Core.Hours.HoursEvaluator.LocalDate(app.Clock.GetUtcNow());
            app.StopAndKeepDatabase(Path.Combine(directory, "reperes.db"));

            var tenDays = await RunAsync(directory, "referrals-sweep", "--as-of", day.AddDays(11).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var again = await RunAsync(directory, "referrals-sweep", "--as-of", day.AddDays(11).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var thirtyDays = await RunAsync(directory, "referrals-sweep", "--as-of", day.AddDays(31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            var wrong = await RunAsync(directory, "referrals-sweep", "--as-of", "1er juin");

            tenDays.ExitCode.ShouldBe(0, tenDays.Output);
            tenDays.Output.ShouldContain("1 reminded, 0 expired, 0 erased");
            again.Output.ShouldContain("0 reminded, 0 expired, 0 erased");
            thirtyDays.Output.ShouldContain("0 reminded, 1 expired, 0 erased");
            wrong.ExitCode.ShouldBe(2);
            wrong.Output.ShouldContain("--as-of takes a date written 2027-06-01");
            var mails = Mailbox.Read(directory);
            mails.Where(m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal)).ShouldAllBe(m => m.Body.Contains("https://reperes.example/adressage/"));
            mails.Count(m => m.Subject.StartsWith("Rappel", StringComparison.Ordinal) && m.To == ReferralTests.ManagerA).ShouldBe(1);
            mails.Count(m => m.To == ReferralTests.Professional && m.Subject.Contains("expirée", StringComparison.Ordinal)).ShouldBe(1);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
