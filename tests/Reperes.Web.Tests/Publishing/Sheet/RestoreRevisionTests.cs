using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

public sealed class RestoreRevisionTests
{
    private const string SheetForm = "form.sheet-form";

    private sealed record Fields(string Name, string Summary, string Phones, bool? Wheelchair, string? Street, int? GeoCell, string? Hours);

    private static Task<Fields> FieldsAsync(ReperesApp app) => app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam)
        .Select(s => new Fields(s.Name, s.Summary, s.Phones, s.WheelchairAccessible, s.Street, s.GeoCell, s.OpeningHours)).SingleAsync());

    private static async Task SaveSheetAsync(HttpClient client, params (string Name, string Value)[] changes)
    {
        var response = await SubmitAsync(client, Area("modifier"), SheetForm, changes);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Restore_ARevision_SetsTheFieldsBackAsTheyWereAfterItAndRecordsIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var original = await FieldsAsync(app);
        await SaveSheetAsync(client, ("Input.Summary", "Version A"), ("Input.Phones", "02 98 00 00 01"));
        app.Clock.Now = ReperesApp.DefaultNow.AddMinutes(5);
        await SaveSheetAsync(client, ("Input.Summary", "Version B"), ("Input.Name", "Halte renommée"), ("Input.Wheelchair", "no"));
        var showers = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => v.Id).SingleAsync());
        (await SubmitAsync(client, Area($"services/{showers}"), "form.service-form", [("Input.CostDetails", "1 € la serviette")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var first = await app.WithDbAsync(db => db.SheetRevisions.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        app.Clock.Now = ReperesApp.DefaultNow.AddMinutes(10);

        var (_, history) = await client.GetPageAsync(Area("historique"));
        history.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ShouldContain(h => h == Area($"historique/{first}/retablir"));
        var (confirmation, page) = await client.GetPageAsync(Area($"historique/{first}/retablir"));
        confirmation.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("h1")!.TextContent.ShouldBe("Revenir à la version du 24 novembre 2026 10:00 ?");
        var rows = page.QuerySelectorAll("table tbody tr").ToDictionary(r => r.QuerySelector("th")!.TextContent, r => (Now: r.QuerySelector("del")!.TextContent, Then: r.QuerySelector("ins")!.TextContent));
        rows.Keys.ShouldBe(["Nom", "Résumé", "Accessibilité"], ignoreOrder: true);
        rows["Résumé"].ShouldBe(("Version B", "Version A"));
        rows["Accessibilité"].ShouldBe(("Non accessible en fauteuil roulant", "Accessible en fauteuil roulant"));
        page.QuerySelectorAll("h2 + p + ul li").Select(li => li.TextContent).ShouldContain("Service « Douches » : Précisions sur le coût");
        (await FieldsAsync(app)).Summary.ShouldBe("Version B", "opening the confirmation changes nothing");

        var response = await client.PostFormAsync(Area($"historique/{first}/retablir"), new());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe(Area("historique") + "?fait=retabli");
        var restored = await FieldsAsync(app);
        restored.ShouldBe(original with { Summary = "Version A", Phones = "02 98 00 00 01" });
        (await app.WithDbAsync(db => db.Services.Where(v => v.Id == showers).Select(v => v.CostDetails).SingleAsync())).ShouldBe("1 € la serviette", "services are not restored");
        var last = await app.WithDbAsync(db => db.SheetRevisions.OrderByDescending(r => r.Id).FirstAsync());
        last.At.ShouldBe(app.Clock.Now);
        last.AuthorName.ShouldBe("Yann (Halte Accueil Ozanam)");
        last.ChangeList.Select(c => c.Field).ShouldBe(["Nom", "Résumé", "Accessibilité", SheetFields.RestoredVersion], ignoreOrder: true);
        (await app.WithDbAsync(db => db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.UpdatedAt).SingleAsync())).ShouldBe(app.Clock.Now);
        var (_, after) = await client.GetPageAsync(response.Headers.Location.OriginalString);
        after.QuerySelector("[role=status]")!.TextContent.ShouldContain("La version est rétablie");
        after.QuerySelector("li.result")!.TextContent.ShouldContain("Rétabli la version du 24 novembre 2026 10:00.");
        (await client.GetStringAsync("/api/v1/search?q=renommee")).ShouldNotContain(Ozanam);

        // Restoring the same version again has nothing left to do.
        var (_, again) = await client.GetPageAsync(Area($"historique/{first}/retablir"));
        again.QuerySelector("[role=status]")!.TextContent.ShouldContain("Rien à rétablir");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Restore_TheOriginalVersion_BringsBackTheAddressAndHours(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var original = await FieldsAsync(app);
        await SaveSheetAsync(client, ("Input.Street", "1, place de la Liberté"), ("Input.Latitude", "48.36"), ("Input.Longitude", "-4.55"), ("Input.PinMoved", "1"), ("Input.Hours.Mode", "expert"), ("Input.Hours.Expert", "24/7"));
        (await FieldsAsync(app)).GeoCell.ShouldNotBe(original.GeoCell);

        var response = await client.PostFormAsync(Area("historique/0/retablir"), new());

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await FieldsAsync(app)).ShouldBe(original);
        var (_, history) = await client.GetPageAsync(Area("historique"));
        history.QuerySelector("li.result")!.TextContent.ShouldContain("Rétabli la version d’origine de la fiche.");
    }

    [Fact]
    public async Task Restore_UnknownRevisionOrAnotherStructures_IsNotFound()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var coordinator = await LoggedInAsync(app, "coordination@demo.reperes.example");
        (await SubmitAsync(coordinator, Area("modifier", "restos-du-coeur-brest"), SheetForm, [("Input.Summary", "Leur résumé")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var theirs = await app.WithDbAsync(db => db.SheetRevisions.Select(r => r.Id).SingleAsync());
        var client = await LoggedInAsync(app, Manager);

        (await client.GetAsync(Area($"historique/{theirs}/retablir"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ForgeAsync(client, Area($"historique/{theirs}/retablir"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync(Area("historique/999999/retablir"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(1);
    }
}
