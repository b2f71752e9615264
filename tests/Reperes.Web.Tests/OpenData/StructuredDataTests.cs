using System.Text.Json;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.OpenData;

public sealed class StructuredDataTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task JsonLd_SheetAndEvent_DescribeThemInSchemaOrgAndCannotBreakOutOfTheScript(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = "Fête </script><script>alert(1)</script>",
            ["Input.StartDate"] = "2026-12-03",
            ["Input.StartTime"] = "12:00",
            ["Input.Place"] = "Salle du Guelmeur",
        }, "?type=evenement&structure=" + PublicationWorkflowTests.Ozanam);
        var visitor = app.CreateBrowserLikeClient();

        var (_, sheet) = await visitor.GetPageAsync("/structure/halte-accueil-ozanam");
        using var organization = JsonDocument.Parse(sheet.QuerySelector("script[type='application/ld+json']")!.TextContent);
        organization.RootElement.GetProperty("@type").GetString().ShouldBe("Organization");
        organization.RootElement.GetProperty("name").GetString().ShouldBe("Halte Accueil Frédéric Ozanam");
        organization.RootElement.GetProperty("address").GetProperty("addressLocality").GetString().ShouldBe("Brest");

        var html = await visitor.GetStringAsync($"/publications/{id}");
        html.ShouldNotContain("<script>alert(1)");
        var page = await Html.ParseAsync(html);
        using var ev = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        ev.RootElement.GetProperty("@type").GetString().ShouldBe("Event");
        ev.RootElement.GetProperty("name").GetString().ShouldBe("Fête </script><script>alert(1)</script>");
        ev.RootElement.GetProperty("startDate").GetString().ShouldBe("2026-12-03T12:00:00+01:00");
        ev.RootElement.GetProperty("organizer").GetProperty("name").GetString().ShouldBe("Halte Accueil Frédéric Ozanam");
    }
}
