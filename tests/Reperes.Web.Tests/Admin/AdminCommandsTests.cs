using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Admin;

/// <summary>The admin subcommands as an operator runs them: the application's executable in its own process.</summary>
public sealed class AdminCommandsTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments) =>
        AdminProcess.RunAsync(dataDirectory, arguments);

    [Fact]
    public async Task Commands_HelpMigrateGenerateReindex_WorkOnAnEmptyDataDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var help = await RunAsync(directory, "--help");
            help.ExitCode.ShouldBe(0);
            help.Output.ShouldContain("generate --structures N --seed S");

            (await RunAsync(directory, "migrate")).Output.ShouldContain("Database up to date");
            var generate = await RunAsync(directory, "generate", "--structures", "40", "--seed", "5");
            generate.ExitCode.ShouldBe(0, generate.Output);
            generate.Output.ShouldContain("40 synthetic structures generated with seed 5");
            (await RunAsync(directory, "reindex")).Output.ShouldContain("Search index rebuilt.");
            File.Exists(Path.Combine(directory, "reperes.db")).ShouldBeTrue();

            var coordinator = await RunAsync(directory, "create-coordinator", "coordination@ville.example", "--name", "Coordination");
            coordinator.ExitCode.ShouldBe(0, coordinator.Output);
            coordinator.Output.ShouldContain("Coordinator account created for coordination@ville.example.");
            coordinator.Output.ShouldContain("/reinitialiser-mot-de-passe?email=coordination%40ville.example&code=");
            (await RunAsync(directory, "create-coordinator")).ExitCode.ShouldBe(2);

            // The web server itself refuses to start in Production without its public address, and says why.
            var refused = await RunAsync(directory);
            refused.ExitCode.ShouldBe(1);
            refused.Output.ShouldContain("Reperes__PublicBaseUrl is required in Production");

            var wrong = await RunAsync(directory, "generate", "--structures", "zero");
            wrong.ExitCode.ShouldBe(2);
            wrong.Output.ShouldContain("--structures N is required");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task DisableTwoFactor_LostPhoneAndCodes_TurnsItOffForThatAccountOnly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            (await RunAsync(directory, "seed-demo")).ExitCode.ShouldBe(0);
            var database = $"Data Source={Path.Combine(directory, "reperes.db")};Pooling=false";
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "UPDATE users SET two_factor_enabled = 1";
                await command.ExecuteNonQueryAsync();
            }

            var disabled = await RunAsync(directory, "disable-two-factor", "contribution@demo.reperes.example");
            var unknown = await RunAsync(directory, "disable-two-factor", "personne@demo.reperes.example");

            disabled.ExitCode.ShouldBe(0, disabled.Output);
            disabled.Output.ShouldContain("Two-step verification is off for contribution@demo.reperes.example");
            unknown.ExitCode.ShouldBe(1);
            unknown.Output.ShouldContain("no account has this one");
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT email FROM users WHERE two_factor_enabled = 0";
                await using var reader = await command.ExecuteReaderAsync();
                var off = new List<string>();
                while (await reader.ReadAsync())
                {
                    off.Add(reader.GetString(0));
                }

                off.ShouldBe(["contribution@demo.reperes.example"]);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
