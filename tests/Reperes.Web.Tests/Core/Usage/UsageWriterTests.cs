using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Reperes.Web.Core.Usage;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Core.Usage;

/// <summary>Counted events wait in memory; a clean stop writes them all.</summary>
public sealed class UsageWriterTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task StopAsync_EventsStillQueued_AreWrittenBeforeTheApplicationEnds(string engine)
    {
        var directory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string? postgresDatabase = null;
        try
        {
            var app = new ReperesApp(engine, demoData: false);
            var counter = app.Services.GetRequiredService<UsageCounter>();
            for (var i = 0; i < 250; i++)
            {
                counter.Count(new UsageFact(UsageKind.Search) { NeedCode = "se-nourrir", Results = i % 12 });
            }

            var kept = app.StopAndKeepDatabase(Path.Combine(directory, "reperes.db"));
            postgresDatabase = engine == Engines.PostgreSql ? kept : null;

            await using DbConnection connection = engine == Engines.PostgreSql
                ? new NpgsqlConnection(Engines.PostgresConnectionString(kept))
                : new SqliteConnection($"Data Source={kept}");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*), SUM(CASE WHEN results = 10 THEN 1 ELSE 0 END) FROM usage_events WHERE kind = 'Search' AND need_code = 'se-nourrir'";
            await using var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            reader.GetInt64(0).ShouldBe(250);
            // Results are kept up to ten: 10 and 11 both count as "ten or more" (40 of the 250).
            reader.GetInt64(1).ShouldBe(40);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (postgresDatabase is not null)
            {
                Engines.DropPostgresDatabase(postgresDatabase);
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
