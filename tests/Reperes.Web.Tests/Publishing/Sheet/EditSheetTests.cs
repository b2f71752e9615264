using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Publishing.Sheet;

public sealed class EditSheetTests
{
    private const string Ozanam = "/mon-espace/structure/halte-accueil-ozanam/modifier";

    private static async Task<HttpClient> LoggedInAsync(ReperesApp app, string? email)
    {
        var client = app.CreateBrowserLikeClient();
        if (email is null)
        {
            return client;
        }

        var (_, page) = await client.GetPageAsync("/connexion");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var login = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoAccounts.Password,
            ["__RequestVerificationToken"] = token,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    /// <summary>The form as the page gives it, with some fields changed, posted back.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string url, Dictionary<string, string> changes)
    {
        var (_, page) = await client.GetPageAsync(url);
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in page.QuerySelectorAll("form.sheet-form input, form.sheet-form textarea, form.sheet-form select, form.sheet-form ~ input[name=__RequestVerificationToken], input[name=__RequestVerificationToken]"))
        {
            var name = input.GetAttribute("name");
            if (name is null || changes.ContainsKey(name) || fields.Any(f => f.Key == name && name == "__RequestVerificationToken"))
            {
                continue;
            }

            var value = input.TagName switch
            {
                "TEXTAREA" => input.TextContent,
                "SELECT" => input.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                _ => input.GetAttribute("type") is "checkbox" or "radio" && !input.HasAttribute("checked") ? null : input.GetAttribute("value") ?? "",
            };
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }

        fields.AddRange(changes.Select(c => new KeyValuePair<string, string>(c.Key, c.Value)));
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_ManagerOfTheStructure_SavesKeepsARevisionAndShowsIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, "gestion.ozanam@demo.reperes.example");

        var response = await SubmitAsync(client, Ozanam, new() { ["Input.Summary"] = "Accueil de jour, petit-déjeuner et douches <script>alert(1)</script>", ["Input.Hours.Mode"] = "expert", ["Input.Hours.Expert"] = "Mo-Fr 08:30-12:00; PH off" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe("/structure/halte-accueil-ozanam?enregistre=1");
        var (_, sheet) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        sheet.QuerySelector("[role=status]")!.TextContent.ShouldContain("La fiche est enregistrée.");
        sheet.QuerySelector("article > p:not(.badge):not(.alert):not(.meta)")?.TextContent.ShouldNotBeNull();
        (await client.GetStringAsync("/structure/halte-accueil-ozanam")).ShouldNotContain("<script>alert(1)</script>");
        var (_, history) = await client.GetPageAsync("/mon-espace/structure/halte-accueil-ozanam/historique");
        var rows = history.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        rows.ShouldBe(["Résumé", "Horaires"], ignoreOrder: true);
        history.QuerySelector("h2")!.TextContent.ShouldContain("Yann (Halte Accueil Ozanam)");
        var stored = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.OpeningHours).SingleAsync());
        stored.ShouldBe("Mo-Fr 08:30-12:00; PH off");
        (await client.GetStringAsync("/api/v1/search?q=dejeuner")).ShouldContain("halte-accueil-ozanam");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_OtherPeople_AreRefusedAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine);
        var before = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Summary).SingleAsync());

        foreach (var email in new[] { "gestion.restos@demo.reperes.example", "redaction.ozanam@demo.reperes.example", "contribution@demo.reperes.example", "moderation@demo.reperes.example" })
        {
            var client = await LoggedInAsync(app, email);
            (await client.GetAsync(Ozanam)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);

            // A forged post, with a valid antiforgery token from a page this person may open.
            var (_, home) = await client.GetPageAsync("/outils/horaires");
            var token = home.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var post = await client.PostAsync(Ozanam, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Name"] = "Piratée",
                ["Input.Summary"] = "Piratée",
                ["__RequestVerificationToken"] = token,
            }));
            post.StatusCode.ShouldBe(HttpStatusCode.Forbidden, email);
        }

        var anonymous = await app.CreateBrowserLikeClient().GetAsync(Ozanam);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/connexion");
        var after = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Summary).SingleAsync());
        after.ShouldBe(before);
    }

    [Fact]
    public async Task Edit_Coordinator_MayEditAnySheet()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await LoggedInAsync(app, "coordination@demo.reperes.example");

        var response = await SubmitAsync(client, "/mon-espace/structure/restos-du-coeur-brest/modifier", new() { ["Input.Email"] = "brest@restos.example.org" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "restos-du-coeur-brest").Select(s => s.Email).SingleAsync())).ShouldBe("brest@restos.example.org");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_PhonesInAnyCommonSpelling_SavedOneWayAndCalledByTheirDigits(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, "gestion.ozanam@demo.reperes.example");

        var response = await SubmitAsync(client, Ozanam, new() { ["Input.Phones"] = "02.98.00.12.34\n+33 (0)6 12 34 56 78\n115" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stored = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Phones).SingleAsync());
        stored.ShouldBe("02 98 00 12 34|06 12 34 56 78|115");
        var (_, sheet) = await client.GetPageAsync("/structure/halte-accueil-ozanam");
        sheet.QuerySelectorAll("a[href^='tel:']").Select(a => a.GetAttribute("href")).ShouldContain("tel:0298001234");
    }

    [Theory]
    [InlineData("Input.Hours.Expert", "Mo-Fx 09:00", "Ces horaires ne sont pas compris", "expert")]
    [InlineData("Input.Hours.Grid.Days[0].Ends[0]", "07:00", "l’heure de fin doit être après l’heure de début")]
    [InlineData("Input.Commune", "Atlantide", "Nous ne connaissons pas la commune « Atlantide »")]
    [InlineData("Input.Street", "", "Indiquez la rue, ou videz la commune")]
    [InlineData("Input.Website", "javascript:alert(1)", "Le site internet doit être une adresse complète")]
    [InlineData("Input.Email", "pas une adresse", "Cette adresse électronique n’est pas valide.")]
    [InlineData("Input.Summary", "", "Indiquez en une phrase ce que fait la structure.")]
    [InlineData("Input.Wheelchair", "peut-être", "Une valeur proposée dans la liste est attendue.")]
    [InlineData("Input.Phones", "02 98 00 12 34\n298001234", "« 298001234 » n’est pas un numéro de téléphone")]
    public async Task Edit_BadInput_ExplainsAndChangesNothing(string field, string value, string message, string? hoursMode = null)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await LoggedInAsync(app, "gestion.ozanam@demo.reperes.example");
        var changes = new Dictionary<string, string> { [field] = value, ["Input.Name"] = "Nom changé" };
        if (hoursMode is not null)
        {
            changes["Input.Hours.Mode"] = hoursMode;
        }

        var response = await SubmitAsync(client, Ozanam, changes);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Name == "Nom changé"))).ShouldBe(0);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_HoursTypedInEverydayFrench_ProposesTheExpressionThenSavesItOnConfirmation(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, "gestion.ozanam@demo.reperes.example");
        var before = await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.OpeningHours).SingleAsync());

        var typed = await SubmitAsync(client, Ozanam, new() { ["Input.Hours.Mode"] = "expert", ["Input.Hours.Expert"] = "du lundi au vendredi de 8h30 à 12h et de 14h à 17h, fermé les jours fériés" });

        // Nothing saved from a guess: the proposal is in the field, with a message.
        typed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await typed.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Horaires compris comme « Mo-Fr 08:30-12:00,14:00-17:00; PH off »");
        page.QuerySelector("textarea[name='Input.Hours.Expert']")!.TextContent.ShouldBe("Mo-Fr 08:30-12:00,14:00-17:00; PH off");
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.OpeningHours).SingleAsync())).ShouldBe(before);

        // Saved again as proposed.
        var confirmed = await SubmitAsync(client, Ozanam, new() { ["Input.Hours.Mode"] = "expert", ["Input.Hours.Expert"] = "Mo-Fr 08:30-12:00,14:00-17:00; PH off" });
        confirmed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.OpeningHours).SingleAsync())).ShouldBe("Mo-Fr 08:30-12:00,14:00-17:00; PH off");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_SheetNotOnline_StaysInTheEditAreaWithAMessage(string engine)
    {
        await using var app = new ReperesApp(engine);
        await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.SingleAsync(s => s.Slug == "halte-accueil-ozanam");
            structure.TakeOffline(app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });
        var client = await LoggedInAsync(app, "gestion.ozanam@demo.reperes.example");

        var response = await SubmitAsync(client, Ozanam, new() { ["Input.Summary"] = "Accueil de jour en travaux" });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(Ozanam + "?fait=fiche-enregistree");
        (await client.GetStringAsync(response.Headers.Location.OriginalString)).ShouldContain("quand la coordination la mettra en ligne");
    }
}
