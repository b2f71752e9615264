using System.Diagnostics;

namespace Reperes.Web.Tests.Admin;

/// <summary>The admin subcommands as an operator runs them: the application's executable in its own process.</summary>
public sealed class AdminCommandsTests
{
    private static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Reperes.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Reperes__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await errors);
    }

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

            var wrong = await RunAsync(directory, "generate", "--structures", "zero");
            wrong.ExitCode.ShouldBe(2);
            wrong.Output.ShouldContain("--structures N is required");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
