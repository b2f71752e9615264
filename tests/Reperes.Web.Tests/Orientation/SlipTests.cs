using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation;

/// <summary>The orientation slip the browser holds: adding from results and sheets, services, note, removing, order.</summary>
public sealed class SlipTests
{
    private const string Search = "/recherche?q=douche";
    private const string Capucins = "/structure/mediatheque-des-capucins";

    private static async Task<(HttpResponseMessage Response, IElement Hit)> AddFromSearchAsync(HttpClient client, int index)
    {
        var (_, page) = await client.GetPageAsync(Search);
        var hit = page.QuerySelectorAll("li.result")[index];
        var form = hit.QuerySelector("form.slip-add")!;
        return (await client.SubmitAsync(form), hit);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Add_FromSearchAndSheet_SlipHoldsThePlacesWithTheServicesThatAnswered(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var (response, hit) = await AddFromSearchAsync(client, 0);

        // Back where the person was, at the place they added.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = int.Parse(hit.Id!["lieu-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.Location!.OriginalString.ShouldBe($"{Search}#lieu-{id}");
        var answered = hit.QuerySelectorAll("form.slip-add input[name=service]").Select(i => int.Parse(i.GetAttribute("value")!, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        answered.ShouldNotBeEmpty();
        var (_, results) = await client.GetPageAsync(Search);
        results.QuerySelector($"#lieu-{id} .slip-add a")!.TextContent.ShouldContain("Dans ma fiche d’orientation");
        results.QuerySelector(".slip-bar a[href='/fiche-orientation']")!.TextContent.ShouldContain("Ma fiche (1)");

        await AddFromSearchAsync(client, 1);
        var (_, sheet) = await client.GetPageAsync(Capucins);
        var sheetForm = sheet.QuerySelector("form.slip-add")!;
        var sheetServices = sheetForm.QuerySelectorAll("input[name=service]").Length;
        (await client.SubmitAsync(sheetForm)).Headers.Location!.OriginalString.ShouldBe(Capucins);

        var (status, slip) = await client.SlipAsync();
        status.StatusCode.ShouldBe(HttpStatusCode.OK);
        SlipForms.PlaceNames(slip).Count.ShouldBe(3);
        SlipForms.PlaceNames(slip)[0].ShouldBe(hit.QuerySelector("h2")!.TextContent.Trim());
        SlipForms.Ticked(slip, id).ShouldBe(answered);
        var capucinsId = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "mediatheque-des-capucins").Select(s => s.Id).SingleAsync());
        SlipForms.Ticked(slip, capucinsId).Count.ShouldBe(sheetServices);
        slip.QuerySelector(".slip-bar a[href='/fiche-orientation']")!.TextContent.ShouldContain("Ma fiche (3)");
        (await app.WithDbAsync(db => db.SharedSlips.CountAsync())).ShouldBe(0, "nothing is stored until the slip is shared");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Add_UnknownPlaceOrNoAntiforgery_ClearMessageAndNothingAdded(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await AddFromSearchAsync(client, 0);
        var (_, page) = await client.GetPageAsync(Search);
        var form = page.QuerySelectorAll("form.slip-add").First();

        var unknown = await client.SubmitAsync(form, [new("id", "999999")]);
        unknown.Headers.Location!.OriginalString.ShouldBe("/fiche-orientation?erreur=inconnue");
        var (_, message) = await client.GetPageAsync(unknown.Headers.Location.OriginalString);
        message.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Cette structure n’est pas dans le guide : rien n’a été ajouté à votre fiche.");

        var forged = await client.PostAsync("/fiche-orientation/ajouter", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = form.QuerySelector("input[name=id]")!.GetAttribute("value")!, ["retour"] = "/" }));
        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var elsewhere = await client.SubmitAsync(form, [new("retour", "//evil.example/")]);
        elsewhere.Headers.Location!.OriginalString.ShouldBe("/fiche-orientation", "never back to another site");

        var (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Save_NoteServicesRemoveAndOrder_KeptOrRefusedWithAClearMessage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await AddFromSearchAsync(client, 0);
        await AddFromSearchAsync(client, 1);
        var (_, slip) = await client.SlipAsync();
        var ids = slip.QuerySelectorAll(".slip-item").Select(li => int.Parse(li.Id!["lieu-".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var names = SlipForms.PlaceNames(slip);

        // A note and one service fewer for the first place.
        var ticked = SlipForms.Ticked(slip, ids[0]);
        var form = slip.QuerySelector("#slip-form")!;
        var kept = ticked.Skip(1).Select(v => new KeyValuePair<string, string>($"service-{ids[0]}", v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var fields = form.QuerySelectorAll("input[type=hidden]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value")!))
            .Concat(SlipForms.Ticked(slip, ids[1]).Select(v => new KeyValuePair<string, string>($"service-{ids[1]}", v.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Concat(kept)
            .Append(new("note", "Demandez Anne, venez avec votre attestation CAF."))
            .ToList();
        var saved = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        saved.Headers.Location!.OriginalString.ShouldBe("/fiche-orientation?enregistre=true");
        (_, slip) = await client.SlipAsync();
        slip.QuerySelector("#note")!.TextContent.ShouldBe("Demandez Anne, venez avec votre attestation CAF.");
        SlipForms.Ticked(slip, ids[0]).ShouldBe(ticked.Skip(1).ToList());

        // Too long: said in French, what was typed shown back, nothing changed.
        var tooLong = new string('a', SlipSelection.NoteMaxLength + 1);
        var refused = await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields.Where(f => f.Key != "note").Append(new("note", tooLong))));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusedPage = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
        refusedPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("La note fait 301 caractères : 300 au plus. Raccourcissez-la ; rien n’a été changé.");
        refusedPage.QuerySelector("#note")!.TextContent.ShouldBe(tooLong);
        (_, slip) = await client.SlipAsync();
        slip.QuerySelector("#note")!.TextContent.ShouldBe("Demandez Anne, venez avec votre attestation CAF.");

        // Down, then removed.
        (await client.SubmitAsync(slip.QuerySelector($"#down-{ids[0]}")!)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).ShouldBe([names[1], names[0]]);
        (await client.SubmitAsync(slip.QuerySelector($"#remove-{ids[1]}")!)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, slip) = await client.SlipAsync();
        SlipForms.PlaceNames(slip).ShouldBe([names[0]]);
        slip.QuerySelector("#note")!.TextContent.ShouldBe("Demandez Anne, venez avec votre attestation CAF.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintView_EachPlace_SevenDaysInWordsNoticesConditionsAndItsQrCode(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await AddFromSearchAsync(client, 0);
        var (_, sheet) = await client.GetPageAsync(Capucins);
        await client.SubmitAsync(sheet.QuerySelector("form.slip-add")!);

        var (response, print) = await client.GetPageAsync("/fiche-orientation/imprimer");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var places = print.QuerySelectorAll("article.slip-place");
        places.Length.ShouldBe(2);
        foreach (var place in places)
        {
            place.QuerySelectorAll("svg[role=img]").Length.ShouldBe(1);
            var tables = place.QuerySelectorAll("table.hours");
            tables.ShouldNotBeEmpty();
            tables.ShouldAllBe(t => t.QuerySelectorAll("tr").Length == 7);
            place.QuerySelector("table.hours tr")!.TextContent.ShouldContain("Mardi 24 Nov. (aujourd’hui)");
            place.TextContent.ShouldContain("Pour qui :");
        }

        // The demo's Ozanam closure for works, coming in 20 days, is on paper.
        places[0].QuerySelector("h2")!.TextContent.ShouldBe("Halte Accueil Frédéric Ozanam");
        places[0].QuerySelector(".print-notice.closure")!.TextContent.ShouldContain("Fermé à partir du 14 décembre, jusqu’au 20 décembre 2026 inclus — Fermeture pour travaux des sanitaires.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintView_InThePersonsLanguage_EnglishFromTheSlipPageWithoutChangingTheInterface(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await AddFromSearchAsync(client, 0);
        var (_, slip) = await client.SlipAsync();
        var english = slip.QuerySelectorAll(".slip-languages a[lang=en]").Single();
        english.GetAttribute("lang").ShouldBe("en");
        english.TextContent.ShouldBe("English");

        var (response, print) = await client.GetPageAsync(english.GetAttribute("href")!);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        print.QuerySelector("h1")!.TextContent.ShouldBe("Referral slip");
        print.QuerySelector("article.slip-place table.hours tr")!.TextContent.ShouldContain("(today)");
        var (_, again) = await client.SlipAsync();
        again.QuerySelector("h1")!.TextContent.ShouldBe("Ma fiche d’orientation", "the professional's interface stays in French");
    }

    [Theory]
    [InlineData("n'importe quoi")]
    [InlineData("CfDJ8AAAA")]
    [InlineData("%%%")]
    public async Task Read_AlteredCookie_AnEmptySlipNeverAnError(string value)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = app.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Cookie", $"{SlipCookie.Name}={Uri.EscapeDataString(value)}");

        var (results, page) = await client.GetPageAsync(Search);
        var (slip, slipPage) = await client.SlipAsync();

        results.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector(".slip-bar").ShouldBeNull();
        slip.StatusCode.ShouldBe(HttpStatusCode.OK);
        SlipForms.PlaceNames(slipPage).ShouldBeEmpty();
    }

    [Fact]
    public void SlipSelection_PlacesText_ReadBackAndMalformedDropped()
    {
        var selection = SlipSelection.Empty.With(new SlipPlace(12, [3, 4, 3])).With(new SlipPlace(15, [])).Moved(15, -1);

        SlipSelection.ParsePlaces(selection.PlacesText()).Select(p => (p.StructureId, string.Join(',', p.ServiceIds))).ShouldBe([(15, ""), (12, "3,4")]);
        SlipSelection.ParsePlaces("x:1;7:a,2;7:9;-1:;8").Select(p => (p.StructureId, string.Join(',', p.ServiceIds))).ShouldBe([(7, "2"), (8, "")]);
    }
}
