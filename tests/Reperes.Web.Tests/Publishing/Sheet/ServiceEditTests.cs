using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Api;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

public sealed class ServiceEditTests
{
    private const string Form = "form.service-form";

    private static async Task<IReadOnlyList<string>> SlugsAsync(HttpClient client, string query)
    {
        var result = await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?pageSize=100&" + query);
        return result!.Results.Select(r => r.Slug).ToList();
    }

    private static Task<int> ServiceIdAsync(ReperesApp app, string slug, string name) =>
        app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == slug && v.Name == name).Select(v => v.Id).SingleAsync());

    private static Task<int> ServiceCountAsync(ReperesApp app) => app.WithDbAsync(db => db.Services.CountAsync());

    private static Task<int> RevisionCountAsync(ReperesApp app) => app.WithDbAsync(db => db.SheetRevisions.CountAsync());

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Add_ServiceWithItsOwnGridHours_IsOnTheSheetFoundByNeedAndCategoryAndRecorded(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        (await SlugsAsync(client, "category=domiciliation")).ShouldNotContain(Ozanam);
        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);

        var response = await SubmitAsync(client, Area("services/nouveau"), Form,
        [
            ("Input.Category", "domiciliation"),
            ("Input.Name", "Adresse pour le courrier"),
            ("Input.Description", "Recevoir son courrier ici. <script>alert(1)</script>"),
            ("Input.Publics", "personnes-en-situation-durgence"),
            ("Input.Publics", "familles"),
            ("Input.Access", "ProfessionalOrientation"),
            ("Input.Cost", "free"),
            ("Input.Hours.Mode", "grid"),
            ("Input.Hours.Grid.Days[0].Starts[0]", "14:00"),
            ("Input.Hours.Grid.Days[0].Ends[0]", "16:00"),
            ("Input.Hours.Grid.Days[3].Starts[0]", "09:00"),
            ("Input.Hours.Grid.Days[3].Ends[0]", "11:30"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldBe(Area("modifier") + "?fait=service-ajoute#services");
        var (_, area) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        area.QuerySelector("[role=status]")!.TextContent.ShouldContain("Le service est ajouté à la fiche.");
        area.QuerySelectorAll("#services ~ ul h3").Select(h => h.TextContent).ShouldContain("Adresse pour le courrier");

        var stored = await app.WithDbAsync(db => db.Services.Where(v => v.Name == "Adresse pour le courrier")
            .Select(v => new { v.OpeningHours, v.Publics, v.Access, Category = v.Category.Code, v.Structure.UpdatedAt }).SingleAsync());
        stored.OpeningHours.ShouldBe("Mo 14:00-16:00; Th 09:00-11:30; PH off");
        stored.Publics.ShouldBe("personnes-en-situation-durgence|familles");
        stored.Category.ShouldBe("domiciliation");
        stored.UpdatedAt.ShouldBe(app.Clock.Now);

        // Search is true at once: by category, by need, by words of the category.
        (await SlugsAsync(client, "category=domiciliation")).ShouldContain(Ozanam);
        (await SlugsAsync(client, "need=acceder-aux-droits")).ShouldContain(Ozanam);
        (await SlugsAsync(client, "q=courrier")).ShouldContain(Ozanam);

        var html = await client.GetStringAsync("/structure/" + Ozanam);
        html.ShouldNotContain("<script>alert(1)</script>");
        var sheet = await Html.ParseAsync(html);
        var item = sheet.QuerySelectorAll("ul.services > li").Single(li => li.QuerySelector("h3")!.TextContent == "Adresse pour le courrier");
        item.TextContent.ShouldContain("Recevoir son courrier ici. <script>alert(1)</script>");
        item.TextContent.ShouldContain("Sur orientation d’un professionnel");
        item.QuerySelectorAll("details table.hours tr").Length.ShouldBe(7);

        var (_, history) = await client.GetPageAsync(Area("historique"));
        var rows = history.QuerySelectorAll("li.result").First().QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("th")!.TextContent).ToList();
        rows.ShouldContain("Service ajouté");
        rows.ShouldContain("Service « Adresse pour le courrier » : Catégorie");
        history.QuerySelector("li.result h2")!.TextContent.ShouldContain("Yann (Halte Accueil Ozanam)");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_Service_SavesTheChangesAndRecordsThemReadably(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var id = await ServiceIdAsync(app, Ozanam, "Douches");

        var (_, form) = await client.GetPageAsync(Area($"services/{id}"));
        form.QuerySelector("#category option[selected]")!.GetAttribute("value").ShouldBe("douche");
        form.QuerySelector("input[name='Input.Hours.Mode'][value=grid]")!.HasAttribute("checked").ShouldBeTrue();
        form.QuerySelector("input[name='Input.Hours.Grid.Days[0].Starts[0]']")!.GetAttribute("value").ShouldBe("08:30");

        var response = await SubmitAsync(client, Area($"services/{id}"), Form,
        [
            ("Input.Access", "Appointment"),
            ("Input.AccessDetails", "Appeler la veille."),
            ("Input.Hours.Mode", "expert"),
            ("Input.Hours.Expert", "Mo-Fr 09:00-11:00; PH off"),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldContain("fait=service-modifie");
        var stored = await app.WithDbAsync(db => db.Services.Where(v => v.Id == id).Select(v => new { v.Access, v.AccessDetails, v.OpeningHours, v.Name }).SingleAsync());
        stored.Access.ShouldBe(Reperes.Web.Core.Structures.AccessCondition.Appointment);
        stored.AccessDetails.ShouldBe("Appeler la veille.");
        stored.OpeningHours.ShouldBe("Mo-Fr 09:00-11:00; PH off");
        stored.Name.ShouldBe("Douches");
        var changes = (await app.WithDbAsync(db => db.SheetRevisions.SingleAsync())).ChangeList;
        changes.Select(c => c.Field).ShouldBe(["Service « Douches » : Comment y accéder", "Service « Douches » : Précisions sur l’accès", "Service « Douches » : Horaires"], ignoreOrder: true);
        changes.Single(c => c.Field.EndsWith("Comment y accéder", StringComparison.Ordinal)).After.ShouldBe("Sur rendez-vous");

        // The same form sent again changes nothing, and says so.
        var again = await SubmitAsync(client, Area($"services/{id}"), Form, []);
        again.Headers.Location!.OriginalString.ShouldContain("fait=rien");
        (await RevisionCountAsync(app)).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Remove_AfterConfirmation_TakesTheServiceOffTheSheetAndTheSearch(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var id = await ServiceIdAsync(app, Ozanam, "Bagagerie");
        (await SlugsAsync(client, "category=bagagerie")).ShouldContain(Ozanam);
        (await SubmitAsync(client, Area("fermetures"), "form.notice-form", [("Input.Kind", "Closure"), ("Input.Service", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Input.StartsOn", "2026-12-01"), ("Input.EndsOn", "2026-12-02")]))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (confirmation, page) = await client.GetPageAsync(Area($"services/{id}/retirer"));
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Retirer le service « Bagagerie » ?");
        page.QuerySelector("form button[type=submit]")!.TextContent.ShouldBe("Oui, retirer ce service");
        page.QuerySelector("main ul li")!.TextContent.ShouldContain("Fermé à partir du 1 décembre");
        (await ServiceCountAsync(app)).ShouldBeGreaterThan(0);
        (await app.WithDbAsync(db => db.Services.AnyAsync(v => v.Id == id))).ShouldBeTrue("opening the confirmation removes nothing");

        var response = await client.PostFormAsync(Area($"services/{id}/retirer"), new());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldContain("fait=service-retire");
        (await app.WithDbAsync(db => db.Services.AnyAsync(v => v.Id == id))).ShouldBeFalse();
        (await SlugsAsync(client, "category=bagagerie")).ShouldNotContain(Ozanam);
        (await client.GetStringAsync("/structure/" + Ozanam)).ShouldNotContain("<h3>Bagagerie</h3>");
        (await app.WithDbAsync(db => db.Notices.AnyAsync(n => n.ServiceId == id))).ShouldBeFalse("its notices go with it");
        var changes = (await app.WithDbAsync(db => db.SheetRevisions.OrderByDescending(r => r.Id).FirstAsync())).ChangeList;
        changes.ShouldContain(c => c.Field == "Service retiré" && c.Before == "Bagagerie" && c.After == null);
        changes.ShouldContain(c => c.Field == "Fermeture temporaire (service « Bagagerie »)" && c.After == null);
        (await client.GetAsync(Area($"services/{id}/retirer"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Preview_OfTheSheetAndOfAService_ShowsThemAndSavesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var services = await ServiceCountAsync(app);

        var sheet = await SubmitAsync(client, Area("modifier"), "form.sheet-form", [("Input.Name", "Halte renommée"), ("Input.Hours.Mode", "expert"), ("Input.Hours.Expert", "Mo-Fr 08:00-18:00")], action: "preview");

        sheet.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await DocumentAsync(sheet);
        page.QuerySelector("#preview-title")!.TextContent.ShouldBe("Aperçu de la fiche publique");
        page.QuerySelector(".preview .preview-name")!.TextContent.ShouldBe("Halte renommée");
        page.QuerySelector(".preview p.badge")!.TextContent.ShouldContain("Ouvert");
        page.QuerySelectorAll(".preview ul.services > li").Length.ShouldBe(6);
        page.QuerySelector("input[name='Input.Name']")!.GetAttribute("value").ShouldBe("Halte renommée");

        var service = await SubmitAsync(client, Area("services/nouveau"), Form, [("Input.Category", "domiciliation"), ("Input.Description", "Pour recevoir son courrier.")], action: "preview");

        service.StatusCode.ShouldBe(HttpStatusCode.OK);
        var servicePage = await DocumentAsync(service);
        servicePage.QuerySelector(".preview ul.services > li h3")!.TextContent.ShouldBe("Domiciliation (adresse postale)");
        servicePage.QuerySelector(".preview ul.services > li")!.TextContent.ShouldContain("Pour recevoir son courrier.");

        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Name).SingleAsync())).ShouldBe("Halte Accueil Frédéric Ozanam");
        (await ServiceCountAsync(app)).ShouldBe(services);
        (await RevisionCountAsync(app)).ShouldBe(0);
        (await SlugsAsync(client, "category=domiciliation")).ShouldNotContain(Ozanam);
    }

    [Theory]
    [InlineData("Input.Category", "vol-en-parapente", "Choisissez ce que propose le service dans la liste des catégories.")]
    [InlineData("Input.Category", "", "Choisissez ce que propose le service dans la liste des catégories.")]
    [InlineData("Input.Description", "LONG", "La description du service est trop longue : 5 000 caractères au plus.")]
    [InlineData("Input.Hours.Expert", "Mo-Fx 09:00-12:00", "Ces horaires ne sont pas compris")]
    [InlineData("Input.Hours.Grid.Days[1].Ends[0]", "07:00", "l’heure de fin doit être après l’heure de début")]
    [InlineData("Input.AgeMin", "30", "L’âge minimum doit être inférieur ou égal à l’âge maximum.")]
    [InlineData("Input.AgeMax", "deux cents", "Les âges sont des nombres entre 0 et 120.")]
    [InlineData("Input.Access", "Bribe", "Une valeur proposée dans la liste est attendue.")]
    [InlineData("Input.RemoteWebsite", "javascript:alert(1)", "Le site internet doit être une adresse complète (https://…).")]
    [InlineData("Input.Modes", "a-distance", "Pour un service à distance, indiquez un téléphone ou un site internet.")]
    public async Task Add_BadInput_ExplainsAndChangesNothing(string field, string value, string message)
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await LoggedInAsync(app, Manager);
        var services = await ServiceCountAsync(app);
        List<(string, string)> fields =
        [
            ("Input.Category", "domiciliation"),
            ("Input.AgeMax", "25"),
            ("Input.Hours.Mode", field.StartsWith("Input.Hours.Expert", StringComparison.Ordinal) ? "expert" : "grid"),
            ("Input.Hours.Grid.Days[1].Starts[0]", "09:00"),
            ("Input.Hours.Grid.Days[1].Ends[0]", "12:00"),
        ];
        fields.RemoveAll(f => f.Item1 == field);
        fields.Add((field, value == "LONG" ? new string('a', 5001) : value));

        var response = await SubmitAsync(client, Area("services/nouveau"), Form, fields);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DocumentAsync(response)).QuerySelector("[role=alert]")!.TextContent.ShouldContain(message);
        (await ServiceCountAsync(app)).ShouldBe(services);
        (await RevisionCountAsync(app)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Ids_UnknownOrOfAnotherStructure_AreNotFoundAndChangeNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var theirs = await ServiceIdAsync(app, "restos-du-coeur-brest", "Distribution alimentaire");
        var services = await ServiceCountAsync(app);

        foreach (var url in new[] { Area($"services/{theirs}"), Area("services/999999"), Area("services/abc"), Area("services/-1"), Area($"services/{theirs}/retirer"), Area("services/abc/retirer") })
        {
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
            (await ForgeAsync(client, url, ("Input.Category", "repas"), ("Input.Name", "Volé"))).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }

        // Their sheet, through the URL of theirs: refused, not merely not found.
        var refused = await client.GetAsync(Area($"services/{theirs}", "restos-du-coeur-brest"));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ServiceCountAsync(app)).ShouldBe(services);
        (await app.WithDbAsync(db => db.Services.Where(v => v.Id == theirs).Select(v => v.Name).SingleAsync())).ShouldBe("Distribution alimentaire");
        (await RevisionCountAsync(app)).ShouldBe(0);
    }
}
