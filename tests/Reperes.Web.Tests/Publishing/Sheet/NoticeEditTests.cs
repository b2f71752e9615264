using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Api;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

public sealed class NoticeEditTests
{
    private const string Form = "form.notice-form";

    private static async Task<bool> OpenNowAsync(HttpClient client, string slug)
    {
        var result = await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?open=now&pageSize=100");
        return result!.Results.Any(r => r.Slug == slug);
    }

    private static Task<int> NoticeCountAsync(ReperesApp app) => app.WithDbAsync(db => db.Notices.CountAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Closure_FromToday_ShowsOnTheSheetAndClosesOpenNowDuringItsDatesOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        (await OpenNowAsync(client, Ozanam)).ShouldBeTrue("open on Tuesday at 10:00");

        var response = await SubmitAsync(client, Area("fermetures"), Form,
            [("Input.Kind", "Closure"), ("Input.StartsOn", "2026-11-24"), ("Input.EndsOn", "26/11/2026"), ("Input.Text", "Travaux dans la salle <b>commune</b>")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe(Area("fermetures") + "?fait=ajoutee");
        var (_, list) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        list.QuerySelector("[role=status]")!.TextContent.ShouldContain("C’est enregistré");
        list.QuerySelector("ul.results li")!.TextContent.ShouldContain("Fermé jusqu’au 26 novembre 2026 inclus — Travaux dans la salle <b>commune</b>");

        var html = await client.GetStringAsync("/structure/" + Ozanam);
        html.ShouldNotContain("<b>commune</b>");
        var sheet = await Html.ParseAsync(html);
        sheet.QuerySelector("p.badge")!.TextContent.ShouldContain("Fermé jusqu’au 26 novembre inclus");
        sheet.QuerySelectorAll("p.alert").Select(p => p.TextContent).ShouldContain(t => t.Contains("Travaux dans la salle <b>commune</b>"));
        (await OpenNowAsync(client, Ozanam)).ShouldBeFalse("closed during the closure");

        var revision = await app.WithDbAsync(db => db.SheetRevisions.SingleAsync());
        revision.ChangeList.ShouldHaveSingleItem().ShouldBe(new Reperes.Web.Core.Structures.FieldChange("Fermeture temporaire", null, "du 24 novembre 2026 au 26 novembre 2026 — Travaux dans la salle <b>commune</b>"));
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.UpdatedAt).SingleAsync())).ShouldBe(app.Clock.Now);

        app.Clock.Now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));
        (await OpenNowAsync(client, Ozanam)).ShouldBeTrue("open again the day after");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Form_AsksOnlyWhatTheChosenKindNeeds(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        foreach (var (type, kind, grid) in new[] { ("", "Closure", false), ("fermeture", "Closure", false), ("horaires", "ExceptionalHours", true), ("message", "Message", false), ("banane", "Closure", false) })
        {
            var (response, page) = await client.GetPageAsync(Area("fermetures" + (type.Length > 0 ? "?type=" + type : "")));

            response.StatusCode.ShouldBe(HttpStatusCode.OK, type);
            var form = page.QuerySelector(Form)!;
            form.QuerySelector("input[name='Input.Kind']")!.GetAttribute("value").ShouldBe(kind, type);
            form.QuerySelectorAll("input[type=radio][name='Input.Kind']").ShouldBeEmpty(type);
            form.QuerySelectorAll("input[type=time]").Length.ShouldBe(grid ? 42 : 0, type);
            form.QuerySelectorAll("textarea[name='Input.Hours.Expert']").Length.ShouldBe(grid ? 1 : 0, type);
            form.QuerySelectorAll("input[type=date]").Length.ShouldBe(2, type);
            form.QuerySelector("textarea[name='Input.Text']")!.HasAttribute("required").ShouldBe(kind == "Message", type);
            var current = page.QuerySelectorAll(".notice-kinds a[aria-current]").ShouldHaveSingleItem(type);
            current.GetAttribute("href")!.ShouldContain("type=" + (type is "" or "banane" ? "fermeture" : type));
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ExceptionalHours_WithTheGrid_ReplaceTheWeekDuringThePeriod(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var response = await SubmitAsync(client, Area("fermetures?type=horaires"), Form,
        [
            ("Input.Kind", "ExceptionalHours"), ("Input.StartsOn", "2026-11-24"), ("Input.EndsOn", "2026-11-25"), ("Input.Text", "Équipe réduite"),
            ("Input.Hours.Mode", "grid"), ("Input.Hours.Grid.Days[1].Starts[0]", "14:00"), ("Input.Hours.Grid.Days[1].Ends[0]", "15:00"),
            ("Input.Hours.Grid.Days[2].Starts[0]", "14:00"), ("Input.Hours.Grid.Days[2].Ends[0]", "15:00"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var notice = await app.WithDbAsync(db => db.Notices.SingleAsync(n => n.Text == "Équipe réduite"));
        notice.Kind.ShouldBe(NoticeKind.ExceptionalHours);
        notice.OpeningHours.ShouldBe("Tu,We 14:00-15:00; PH off");
        notice.ServiceId.ShouldBeNull();
        var (_, sheet) = await client.GetPageAsync("/structure/" + Ozanam);
        sheet.QuerySelector("p.badge")!.TextContent.ShouldNotStartWith("Ouvert");
        sheet.QuerySelector("tr.today td")!.TextContent.ShouldContain("14:00–15:00");
        sheet.QuerySelector("tr.today td")!.TextContent.ShouldContain("horaires exceptionnels");
        (await OpenNowAsync(client, Ozanam)).ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Message_ForOneService_ShowsWithThatService(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var showers = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => v.Id).SingleAsync());

        var response = await SubmitAsync(client, Area("fermetures?type=message"), Form,
            [("Input.Kind", "Message"), ("Input.Service", showers.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.StartsOn", "2026-11-30"), ("Input.EndsOn", "2026-12-04"), ("Input.Text", "Serviettes à apporter cette semaine.")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var (_, sheet) = await client.GetPageAsync("/structure/" + Ozanam);
        var item = sheet.QuerySelectorAll("ul.services > li").Single(li => li.QuerySelector("h3")!.TextContent == "Douches");
        item.QuerySelector("p.alert")!.TextContent.ShouldBe("Du 30 novembre au 4 décembre 2026 — Serviettes à apporter cette semaine.");
        (await app.WithDbAsync(db => db.SheetRevisions.SingleAsync())).ChangeList.Single().Field.ShouldBe("Information temporaire (service « Douches »)");
    }

    [Theory]
    [InlineData("Input.EndsOn", "2026-11-20", "La date de fin doit être le jour de début ou après.")]
    [InlineData("Input.EndsOn", "2029-12-01", "Ces dates sont trop lointaines")]
    [InlineData("Input.StartsOn", "2026-11-01|Input.EndsOn=2026-11-20", "Cette période est déjà passée")]
    [InlineData("Input.StartsOn", "demain", "Indiquez la date de début")]
    [InlineData("Input.EndsOn", "", "Indiquez la date de fin")]
    [InlineData("Input.Kind", "Banane", "Une valeur proposée dans la liste est attendue.")]
    [InlineData("Input.Kind", "Message|Input.Text=", "Écrivez le message à afficher.")]
    [InlineData("Input.Kind", "ExceptionalHours|Input.Hours.Mode=expert|Input.Hours.Expert=Mo-Fx 09:00-12:00", "Ces horaires ne sont pas compris")]
    [InlineData("Input.Kind", "ExceptionalHours|Input.Hours.Mode=grid", "remplissez au moins un créneau")]
    [InlineData("Input.Text", "LONG", "Le texte est trop long : 1 000 caractères au plus.")]
    public async Task Add_BadInput_ExplainsAndChangesNothing(string field, string value, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await LoggedInAsync(app, Manager);
        var notices = await NoticeCountAsync(app);
        var fields = new Dictionary<string, string> { ["Input.Kind"] = "Closure", ["Input.StartsOn"] = "2026-11-25", ["Input.EndsOn"] = "2026-11-28", ["Input.Text"] = "Congés" };
        var parts = value.Split('|');
        fields[field] = parts[0] == "LONG" ? new string('a', 1001) : parts[0];
        foreach (var extra in parts.Skip(1))
        {
            fields[extra.Split('=')[0]] = extra.Split('=', 2)[1];
        }

        var response = await SubmitAsync(client, Area("fermetures"), Form, fields.Select(f => (f.Key, f.Value)));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DocumentAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await NoticeCountAsync(app)).ShouldBe(notices);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Closure_DatesTypedAsPeopleWriteThem_AreRead(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var response = await SubmitAsync(client, Area("fermetures"), Form,
            [("Input.Kind", "Closure"), ("Input.StartsOn", "24/12"), ("Input.EndsOn", "2 janvier"), ("Input.Text", "Fêtes de fin d’année")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var notice = await app.WithDbAsync(db => db.Notices.SingleAsync(n => n.Text == "Fêtes de fin d’année"));
        notice.StartsOn.ShouldBe(new DateOnly(2026, 12, 24));
        notice.EndsOn.ShouldBe(new DateOnly(2027, 1, 2));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Remove_AfterConfirmation_TakesTheNoticeOffTheSheet(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var id = await app.WithDbAsync(db => db.Notices.Where(n => n.Structure.Slug == Ozanam).Select(n => n.Id).SingleAsync());
        (await client.GetStringAsync("/structure/" + Ozanam)).ShouldContain("Fermeture pour travaux des sanitaires");

        var (confirmation, page) = await client.GetPageAsync(Area($"fermetures/{id}/retirer"));
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("p.alert")!.TextContent.ShouldContain("Fermeture pour travaux des sanitaires");
        var response = await client.PostFormAsync(Area($"fermetures/{id}/retirer"), new());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(Area("fermetures") + "?fait=retiree");
        (await app.WithDbAsync(db => db.Notices.AnyAsync(n => n.Id == id))).ShouldBeFalse();
        (await client.GetStringAsync("/structure/" + Ozanam)).ShouldNotContain("Fermeture pour travaux des sanitaires");
        var change = (await app.WithDbAsync(db => db.SheetRevisions.SingleAsync())).ChangeList.Single();
        change.Field.ShouldBe("Fermeture temporaire");
        change.Before.ShouldBe("du 14 décembre 2026 au 20 décembre 2026 — Fermeture pour travaux des sanitaires. Douches et accueil possibles au Mille Pattes (Vivre la Rue).");
        change.After.ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Ids_OfAnotherStructure_AreNotFoundAndChangeNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var theirNotice = await app.WithDbAsync(db => db.Notices.Where(n => n.Structure.Slug == "ccas-brest").Select(n => n.Id).SingleAsync());
        var theirService = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == "restos-du-coeur-brest").Select(v => v.Id).FirstAsync());
        var notices = await NoticeCountAsync(app);

        (await client.GetAsync(Area($"fermetures/{theirNotice}/retirer"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ForgeAsync(client, Area($"fermetures/{theirNotice}/retirer"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var forged = await ForgeAsync(client, Area("fermetures"), ("Input.Kind", "Closure"), ("Input.Service", theirService.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.StartsOn", "2026-11-25"), ("Input.EndsOn", "2026-11-26"));
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await NoticeCountAsync(app)).ShouldBe(notices);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }
}
