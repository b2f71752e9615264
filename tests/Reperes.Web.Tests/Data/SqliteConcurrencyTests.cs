using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Orientation.DigitalScreening;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Data;

/// <summary>SQLite under many writers at once: write-ahead log, and every write answered (waiting its turn), none lost.</summary>
public sealed class SqliteConcurrencyTests
{
    [Fact]
    public async Task Writes_ThirtyTwoConcurrentWriters_NoneFailsAndAllAreKept()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        var last = $"/numerique-et-moi?equipement=aucun&demarches=impots&autonomie=pas-du-tout&etape={ScreeningQuestions.Count}";
        var clients = new List<(HttpClient Client, string Token)>();
        for (var i = 0; i < 32; i++)
        {
            var client = app.CreateBrowserLikeClient();
            var (_, page) = await client.GetPageAsync(last);
            clients.Add((client, page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!));
        }

        const int rounds = 10;
        var statuses = await Task.WhenAll(clients.Select(c => Task.Run(async () =>
        {
            var codes = new List<HttpStatusCode>();
            for (var round = 0; round < rounds; round++)
            {
                var response = await c.Client.PostAsync("/numerique-et-moi", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = c.Token,
                    ["equipement"] = "aucun",
                    ["demarches"] = "impots",
                    ["autonomie"] = "pas-du-tout",
                    ["accord"] = "oui",
                }));
                codes.Add(response.StatusCode);
            }

            return codes;
        })));

        statuses.SelectMany(s => s).GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()).ShouldBe(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.Redirect] = 32 * rounds });
        (await app.WithDbAsync(db => db.ScreeningCounts.Where(c => c.Question == ScreeningCount.Completed).SumAsync(c => c.Total))).ShouldBe(32 * rounds);
        (await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync())).ShouldBe(["wal"]);
    }
}
