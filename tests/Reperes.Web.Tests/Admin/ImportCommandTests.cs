using System.Text;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.OpenData.Imports;

namespace Reperes.Web.Tests.Admin;

/// <summary>The import subcommand as an operator runs it: dry run by default, --apply to write, exit codes.</summary>
public sealed class ImportCommandTests
{
    private static Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] arguments) =>
        AdminProcess.RunAsync(dataDirectory, arguments, new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning" });

    private static async Task<long> CountAsync(string directory, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(directory, "reperes.db")};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Import_DryRunThenApplyThenAgain_PlansWritesThenChangesNothing()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            (await RunAsync(directory, "seed-demo")).ExitCode.ShouldBe(0);
            var example = Path.Combine(directory, "lieux.json"); // a CSV whatever its name says
            await File.WriteAllBytesAsync(example, ImportFixtures.MediationExample);
            var structures = await CountAsync(directory, "SELECT COUNT(*) FROM structures");

            var help = await RunAsync(directory, "--help");
            help.Output.ShouldContain("import FILE [--services FILE] [--format data-inclusion|mediation-numerique|modele] [--source NAME] [--online] [--overwrite] [--apply]");

            var dryRun = await RunAsync(directory, "import", example);
            dryRun.ExitCode.ShouldBe(0, dryRun.Output);
            dryRun.Output.ShouldContain("Dry run (nothing written; add --apply to write): mediation-numerique, 1 item(s).");
            dryRun.Output.ShouldContain("line 2: create — Anonymal [structure-1]");
            dryRun.Output.ShouldContain("Horaires : ∅ → Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
            dryRun.Output.ShouldContain("Totals: 1 created, 0 updated, 0 unchanged, 0 rejected (would be).");
            (await CountAsync(directory, "SELECT COUNT(*) FROM structures")).ShouldBe(structures);

            var applied = await RunAsync(directory, "import", example, "--apply", "--online", "--source", "bornes-29");
            applied.ExitCode.ShouldBe(0, applied.Output);
            applied.Output.ShouldContain("line 2: created — Anonymal [structure-1]");
            (await CountAsync(directory, "SELECT COUNT(*) FROM structures WHERE name = 'Anonymal' AND status = 1")).ShouldBe(1);
            (await CountAsync(directory, "SELECT COUNT(*) FROM external_references WHERE source = 'bornes-29' AND external_id = 'structure-1'")).ShouldBe(1);
            (await CountAsync(directory, "SELECT COUNT(*) FROM sheet_revisions WHERE author_name LIKE 'Import mediation-numerique « bornes-29 »%'")).ShouldBe(1);

            var again = await RunAsync(directory, "import", example, "--apply", "--source", "bornes-29");
            again.Output.ShouldContain("line 2: unchanged — Anonymal [structure-1]");
            again.Output.ShouldContain("Totals: 0 created, 0 updated, 1 unchanged, 0 rejected.");
            (await CountAsync(directory, "SELECT COUNT(*) FROM sheet_revisions WHERE author_name LIKE 'Import%'")).ShouldBe(1);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Import_BrokenRowsUnreadableOrMissingFile_ExitCodesSayIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            (await RunAsync(directory, "migrate")).ExitCode.ShouldBe(0);
            var broken = Path.Combine(directory, "modele.csv");
            await File.WriteAllTextAsync(broken, "nom;code postal;commune;courriel\nLe Phare;29200;Brest;\nSans code;;Brest;\nMauvais courriel;29200;Brest;pas@\n", Encoding.UTF8);
            var result = await RunAsync(directory, "import", broken, "--apply");
            result.ExitCode.ShouldBe(3, result.Output);
            result.Output.ShouldContain("line 2: created — Le Phare");
            result.Output.ShouldContain("line 3: rejected — Sans code");
            result.Output.ShouldContain("refusée : « code postal » est obligatoire.");
            result.Output.ShouldContain("line 4: rejected — Mauvais courriel");
            result.Output.ShouldContain("refusée : « courriel » : adresse électronique invalide (« pas@ »).");
            (await CountAsync(directory, "SELECT COUNT(*) FROM structures")).ShouldBe(1);

            var picture = Path.Combine(directory, "photo.csv");
            await File.WriteAllBytesAsync(picture, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]);
            var unreadable = await RunAsync(directory, "import", picture);
            unreadable.ExitCode.ShouldBe(1);
            unreadable.Output.ShouldContain("import: unreadable file: Ce fichier n’est ni un tableur (XLSX), ni un CSV, ni du JSON.");

            (await RunAsync(directory, "import", Path.Combine(directory, "absent.csv"))).ExitCode.ShouldBe(1);
            (await RunAsync(directory, "import", broken, "--format", "ods")).ExitCode.ShouldBe(2);
            (await RunAsync(directory, "import")).ExitCode.ShouldBe(2);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
