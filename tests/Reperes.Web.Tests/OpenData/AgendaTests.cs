using System.Net;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.OpenData;

public sealed class AgendaTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Agenda_WeekByDay_FiltersByNeedAndStructure(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        await PublicationWorkflowTests.WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = "Atelier vélo sur deux jours",
            ["Input.StartDate"] = "2026-12-01",
            ["Input.StartTime"] = "10:00",
            ["Input.EndDate"] = "2026-12-02",
            ["Input.EndTime"] = "12:00",
            ["Input.Needs"] = "se-deplacer",
        }, "?type=evenement&structure=" + PublicationWorkflowTests.Ozanam);
        var visitor = app.CreateBrowserLikeClient();

        var (_, week) = await visitor.GetPageAsync("/agenda?semaine=2026-W49");
        var days = week.QuerySelectorAll("section h2").Select(h => h.TextContent).ToList();
        days.ShouldContain("mardi 1 décembre");
        days.ShouldContain("mercredi 2 décembre");
        week.QuerySelectorAll("section").Count(s => s.TextContent.Contains("Atelier vélo sur deux jours", StringComparison.Ordinal)).ShouldBe(2);

        (await visitor.GetStringAsync("/agenda?semaine=2026-W49&besoin=se-deplacer")).ShouldContain("Atelier vélo sur deux jours");
        (await visitor.GetStringAsync("/agenda?semaine=2026-W49&besoin=se-soigner")).ShouldNotContain("Atelier vélo sur deux jours");
        (await visitor.GetStringAsync("/agenda?semaine=2026-W49&structure=halte-accueil-ozanam")).ShouldContain("Atelier vélo sur deux jours");
        (await visitor.GetStringAsync("/agenda?semaine=2026-W49&structure=restos-du-coeur-brest")).ShouldNotContain("Atelier vélo sur deux jours");
        (await visitor.GetStringAsync("/agenda?semaine=2026-W50")).ShouldNotContain("Atelier vélo sur deux jours");

        // This week (Tuesday 24 November 2026) by default; bad input is a 404, never an error.
        (await visitor.GetStringAsync("/agenda")).ShouldContain("Semaine du 23 novembre au 29 novembre 2026");
        foreach (var url in new[] { "/agenda?semaine=2026-W54", "/agenda?semaine=abc", "/agenda?besoin=inconnu", "/agenda?structure=n-existe-pas", "/agenda?semaine=1900-W01" })
        {
            (await visitor.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }
}
