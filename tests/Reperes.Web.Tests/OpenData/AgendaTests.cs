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

        // Bad input is a 404, never an error.
        foreach (var url in new[] { "/agenda?semaine=2026-W54", "/agenda?semaine=abc", "/agenda?besoin=inconnu", "/agenda?structure=n-existe-pas", "/agenda?semaine=1900-W01" })
        {
            (await visitor.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Agenda_ThisWeekEmpty_OpensOnTheWeekOfTheNextEventOrSaysThereIsNone(string engine)
    {
        // Tuesday 24 November 2026: the demo's only event is the shared meal of Tuesday 1 December.
        await using var app = new ReperesApp(engine);
        var visitor = app.CreateBrowserLikeClient();

        var (_, opened) = await visitor.GetPageAsync("/agenda");
        opened.QuerySelector(".pager strong")!.TextContent.ShouldBe("Semaine du 30 novembre au 6 décembre 2026");
        opened.QuerySelector("[role=status]")!.TextContent.ShouldBe("Aucun événement cette semaine-ci : voici la semaine du prochain événement.");
        opened.QuerySelectorAll("section h2").Select(h => h.TextContent).ShouldBe(["mardi 1 décembre"]);
        opened.QuerySelector("input[name=semaine]")!.GetAttribute("value").ShouldBe("2026-W49");

        // Its place is the organiser itself: the event's line names it once (here and on the home page).
        var line = opened.QuerySelector(".card .meta")!.TextContent;
        line.Split("Halte Accueil Frédéric Ozanam").Length.ShouldBe(2, line);
        var (_, home) = await visitor.GetPageAsync("/");
        var homeLine = home.QuerySelectorAll(".card").Single(c => c.TextContent.Contains("Repas partagé", StringComparison.Ordinal)).QuerySelector(".meta")!.TextContent;
        homeLine.Split("Halte Accueil Frédéric Ozanam").Length.ShouldBe(2, homeLine);

        // This week asked for explicitly: empty, with the way to the next event.
        var (_, asked) = await visitor.GetPageAsync("/agenda?semaine=2026-W48");
        asked.QuerySelector(".pager strong")!.TextContent.ShouldBe("Semaine du 23 novembre au 29 novembre 2026");
        var next = asked.QuerySelectorAll("main a").Single(a => a.TextContent.StartsWith("Prochain événement", StringComparison.Ordinal));
        next.TextContent.ShouldBe("Prochain événement : mardi 1 décembre 2026");
        next.GetAttribute("href").ShouldBe("/agenda?semaine=2026-W49");

        // Nothing for that need, nor after the meal: said plainly, on this week.
        var (_, none) = await visitor.GetPageAsync("/agenda?besoin=se-soigner");
        none.QuerySelector(".pager strong")!.TextContent.ShouldBe("Semaine du 23 novembre au 29 novembre 2026");
        none.QuerySelector("[role=status]").ShouldBeNull();
        none.QuerySelector("main")!.TextContent.ShouldContain("Aucun événement annoncé après cette semaine pour l’instant.");
        (await visitor.GetStringAsync("/agenda?semaine=2026-W50")).ShouldContain("Aucun événement annoncé après cette semaine pour l’instant.");
    }
}
