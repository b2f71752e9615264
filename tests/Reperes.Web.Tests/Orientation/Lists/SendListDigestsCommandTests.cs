using System.Globalization;
using Microsoft.Data.Sqlite;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation.Lists;

/// <summary>send-list-digests as a cron runs it: the application's executable in its own process (SQLite).</summary>
public sealed class SendListDigestsCommandTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments) =>
        AdminProcess.RunAsync(dataDirectory, arguments, new Dictionary<string, string> { ["Reperes__PublicBaseUrl"] = "https://reperes.example" });

    [Fact]
    public async Task SendListDigests_TwiceTheSameWeek_DoesTheWeekOnceAndSaysHowMany()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            (await RunAsync(directory, "seed-demo")).ExitCode.ShouldBe(0);
            await using (var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "reperes.db")}"))
            {
                await connection.OpenAsync();
                var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO list_watches (user_id, digest) SELECT id, 1 FROM users WHERE email = 'assistante.sociale@cdas.demo.reperes.example'";
                (await command.ExecuteNonQueryAsync()).ShouldBe(1);
            }

            var monday = DateTime.UtcNow.Date.AddDays(14);
            monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
            var asOf = monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var first = await RunAsync(directory, "send-list-digests", "--as-of", asOf);
            var second = await RunAsync(directory, "send-list-digests", "--as-of", monday.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            var wrong = await RunAsync(directory, "send-list-digests", "--as-of", "lundi");

            first.ExitCode.ShouldBe(0, first.Output);
            first.Output.ShouldContain($"Week of {asOf}: 0 digests mailed, 1 subscribers without changes, 0 already done (1 subscribers).");
            second.Output.ShouldContain($"Week of {asOf}: 0 digests mailed, 0 subscribers without changes, 1 already done (1 subscribers).");
            wrong.ExitCode.ShouldBe(2);
            wrong.Output.ShouldContain("--as-of takes a date written 2027-06-01");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
