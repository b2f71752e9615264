using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Reperes.Web.OpenData.Feeds;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.OpenData.Feeds;

public sealed class FeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Atom_NetworkStructureAndNeed_WellFormedWithTheRequiredElements(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        await PublicationWorkflowTests.WriteAsync(manager, "publish", new() { ["Input.Title"] = "Soupe & café <chaud>", ["Input.Body"] = "Le **jeudi**.", ["Input.Needs"] = "se-nourrir" });
        var visitor = app.CreateBrowserLikeClient();

        foreach (var (url, expected, absent) in new[]
        {
            ("/actualites.atom", true, false),
            ("/structure/halte-accueil-ozanam/actualites.atom", true, false),
            ("/besoin/se-nourrir/actualites.atom", true, false),
            ("/besoin/avoir-un-toit/actualites.atom", false, true),
            ("/structure/restos-du-coeur-brest/actualites.atom", false, true),
        })
        {
            var response = await visitor.GetAsync(url);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
            var xml = await response.Content.ReadAsStringAsync();
            var feed = XDocument.Parse(xml).Root!;
            feed.Name.ShouldBe(Atom + "feed");

            // Valid against the RELAX NG schema of RFC 4287 (libxml2), the rest of the RFC's rules below.
            var validation = JsonDocument.Parse(await NodeScript.RunAsync(Path.Combine("OpenData", "validate-atom.mjs"), xml)).RootElement;
            validation.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBeEmpty(url);
            validation.GetProperty("valid").GetBoolean().ShouldBeTrue(url);

            // RFC 4287 §4.1.1: id, title, updated; an author for the feed or each entry; a self link.
            feed.Element(Atom + "id")!.Value.ShouldStartWith("http");
            feed.Element(Atom + "title")!.Value.ShouldNotBeEmpty();
            DateTimeOffset.Parse(feed.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture);
            feed.Elements(Atom + "link").ShouldContain(l => (string?)l.Attribute("rel") == "self");
            foreach (var entry in feed.Elements(Atom + "entry"))
            {
                entry.Element(Atom + "id")!.Value.ShouldStartWith("http");
                entry.Element(Atom + "title")!.Value.ShouldNotBeEmpty();
                entry.Element(Atom + "updated").ShouldNotBeNull();
                entry.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldNotBeEmpty();
                entry.Elements(Atom + "link").ShouldContain(l => (string?)l.Attribute("rel") == "alternate");
            }

            var titles = feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "title")!.Value).ToList();
            if (expected)
            {
                titles.ShouldContain("Soupe & café <chaud>", url);
                var content = feed.Elements(Atom + "entry").First(e => e.Element(Atom + "title")!.Value == "Soupe & café <chaud>").Element(Atom + "content")!;
                content.Attribute("type")!.Value.ShouldBe("html");
                content.Value.ShouldContain("<strong>jeudi</strong>");
            }

            if (absent)
            {
                titles.ShouldNotContain("Soupe & café <chaud>", url);
            }
        }

        (await visitor.GetAsync("/structure/n-existe-pas/actualites.atom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await visitor.GetAsync("/besoin/inconnu/actualites.atom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ICalendar_Event_ParisTimesStableUidEscapedTextFoldedLines(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var title = "Repas, partagé; et \\ fête de l’hiver avec un titre assez long pour être replié sur plusieurs lignes";
        var id = await PublicationWorkflowTests.WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = title,
            ["Input.StartDate"] = "2026-12-03",
            ["Input.StartTime"] = "12:00",
            ["Input.EndTime"] = "14:00",
            ["Input.Place"] = "Salle du Guelmeur, Brest",
            ["Input.Needs"] = "se-nourrir",
        }, "?type=evenement&structure=" + PublicationWorkflowTests.Ozanam);

        var visitor = app.CreateBrowserLikeClient();
        var response = await visitor.GetAsync("/agenda.ics");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var ics = await response.Content.ReadAsStringAsync();
        ics.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        ics.ShouldEndWith("END:VCALENDAR\r\n");
        ics.Replace("\r\n", "", StringComparison.Ordinal).ShouldNotContain("\n");
        foreach (var line in ics.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75, line);
        }

        // As calendar applications read it: Mozilla's ical.js parses it, and the event is at 12:00 in Paris (11:00 UTC).
        var parsed = await ParseCalendarAsync(ics);
        var read = parsed.Single(e => e.GetProperty("uid").GetString() == $"publication-{id}@localhost");
        read.GetProperty("summary").GetString().ShouldBe(title);
        read.GetProperty("location").GetString().ShouldBe("Salle du Guelmeur, Brest");
        read.GetProperty("start").GetString().ShouldBe("2026-12-03T11:00:00.000Z");
        read.GetProperty("end").GetString().ShouldBe("2026-12-03T13:00:00.000Z");

        var unfolded = ics.Replace("\r\n ", "", StringComparison.Ordinal);
        unfolded.ShouldContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris");
        unfolded.ShouldContain($"UID:publication-{id}@localhost\r\n");
        unfolded.ShouldContain("DTSTART;TZID=Europe/Paris:20261203T120000\r\n");
        unfolded.ShouldContain("DTEND;TZID=Europe/Paris:20261203T140000\r\n");
        unfolded.ShouldContain("SUMMARY:" + CalendarFeed.Escape(title) + "\r\n");
        unfolded.ShouldContain("SUMMARY:Repas\\, partagé\\; et \\\\ fête");
        unfolded.ShouldContain("LOCATION:Salle du Guelmeur\\, Brest\r\n");
        (await visitor.GetStringAsync("/structure/halte-accueil-ozanam/agenda.ics")).Replace("\r\n ", "", StringComparison.Ordinal).ShouldContain($"UID:publication-{id}@localhost");
        (await visitor.GetStringAsync("/besoin/avoir-un-toit/agenda.ics")).ShouldNotContain($"UID:publication-{id}@");

        // The same UID after an update: calendars replace the event rather than add another.
        var again = await visitor.GetStringAsync("/agenda.ics");
        again.Replace("\r\n ", "", StringComparison.Ordinal).ShouldContain($"UID:publication-{id}@localhost\r\n");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ICalendar_SummerEventAndEveryScope_ParseStrictlyAtTheirInstants(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var id = await PublicationWorkflowTests.WriteAsync(manager, "publish", new()
        {
            ["Input.Kind"] = "Event",
            ["Input.Title"] = "Pique-nique d’été au jardin",
            ["Input.Summary"] = "Apportez ce que vous voulez ; il y aura aussi du pain, des fruits, de l’eau : venez nombreux, c’est gratuit et ouvert à toutes et à tous sans inscription.",
            ["Input.StartDate"] = "2027-07-08",
            ["Input.StartTime"] = "12:00",
            ["Input.EndTime"] = "15:30",
            ["Input.Place"] = "Jardin de l’Académie, Brest",
            ["Input.Needs"] = "se-nourrir",
        }, "?type=evenement&structure=" + PublicationWorkflowTests.Ozanam);
        var visitor = app.CreateBrowserLikeClient();

        foreach (var url in new[] { "/agenda.ics", "/structure/halte-accueil-ozanam/agenda.ics", "/besoin/se-nourrir/agenda.ics", "/besoin/se-former/agenda.ics" })
        {
            var events = await ParseCalendarAsync(await visitor.GetStringAsync(url));
            if (url.Contains("se-former", StringComparison.Ordinal))
            {
                events.ShouldNotContain(e => e.GetProperty("uid").GetString() == $"publication-{id}@localhost", url);
                continue;
            }

            // Summer time: 12:00 in Paris is 10:00 UTC.
            var summer = events.Single(e => e.GetProperty("uid").GetString() == $"publication-{id}@localhost");
            summer.GetProperty("start").GetString().ShouldBe("2027-07-08T10:00:00.000Z", url);
            summer.GetProperty("end").GetString().ShouldBe("2027-07-08T13:30:00.000Z", url);
            summer.GetProperty("description").GetString()!.ShouldStartWith("Apportez ce que vous voulez ; il y aura aussi du pain, des fruits, de l’eau : venez nombreux", Case.Sensitive, url);
            summer.GetProperty("url").GetString().ShouldBe($"http://localhost/publications/{id}", url);
        }
    }

    /// <summary>The events of a feed as ical.js reads them, after the strict checks of validate-icalendar.mjs (which must find nothing).</summary>
    private static async Task<List<JsonElement>> ParseCalendarAsync(string ics)
    {
        var result = JsonDocument.Parse(await NodeScript.RunAsync(Path.Combine("OpenData", "validate-icalendar.mjs"), ics)).RootElement;
        result.GetProperty("errors").EnumerateArray().Select(e => e.GetString()).ShouldBeEmpty();
        return result.GetProperty("events").EnumerateArray().ToList();
    }

    [Fact]
    public void Fold_MultiByteCharacters_NeverCut()
    {
        var line = "DESCRIPTION:" + new string('é', 100);
        var folded = CalendarFeed.Fold(line);
        foreach (var part in folded.Split("\r\n"))
        {
            Encoding.UTF8.GetByteCount(part).ShouldBeLessThanOrEqualTo(75);
        }

        folded.Replace("\r\n ", "", StringComparison.Ordinal).ShouldBe(line);
    }
}
