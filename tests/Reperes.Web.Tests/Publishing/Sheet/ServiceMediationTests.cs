using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>The digital-mediation part of the service form, and what the sheet shows of it.</summary>
public sealed class ServiceMediationTests
{
    private const string Form = "form.service-form";
    private const string Restos = "restos-du-coeur-brest";
    private const string Papi = "PAPI des Restos";

    private static Task<Service> ServiceAsync(ReperesApp app, string slug, string name) =>
        app.WithDbAsync(db => db.Services.AsNoTracking().SingleAsync(v => v.Structure.Slug == slug && v.Name == name));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_DigitalService_SavesTheMediationRecordsItAndTheSheetShowsItInWordsAndPictograms(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, OtherManager);
        var id = (await ServiceAsync(app, Restos, Papi)).Id;

        var (_, form) = await client.GetPageAsync(Area($"services/{id}", Restos));
        form.QuerySelector("details#mediation")!.HasAttribute("open").ShouldBeTrue("a digital service shows its mediation open");
        form.QuerySelector("input[name='Input.MediationEquipment'][value=imprimante]")!.HasAttribute("checked").ShouldBeTrue();
        form.QuerySelector("input[name='Input.MediationEquipment'][value=scanner]")!.HasAttribute("checked").ShouldBeFalse();
        form.QuerySelectorAll("details#mediation fieldset legend").Select(l => l.TextContent).ShouldContain("Matériel à disposition");

        var response = await SubmitAsync(client, Area($"services/{id}", Restos), Form,
        [
            ("Input.MediationServices", "acces-internet"),
            ("Input.MediationServices", "demarches"),
            ("Input.MediationServices", "outils-quotidien"),
            ("Input.MediationEquipment", "scanner"),
            ("Input.MediationEquipment", "ordinateurs"),
            ("Input.MediationEquipment", "imprimante"),
            ("Input.MediationSupport", "individuel"),
            ("Input.MediationSupport", "atelier"),
            ("Input.MediationSpecificSupport", "deficience-visuelle"),
            ("Input.MediationProgrammes", "aidants-connect"),
            ("Input.MediationOtherLabels", "  Pass numériques acceptés  "),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldContain("fait=service-modifie");
        var offer = (await ServiceAsync(app, Restos, Papi)).Mediation;
        offer.Services.ShouldBe(["acces-internet", "demarches", "outils-quotidien"]);
        offer.Equipment.ShouldBe(["ordinateurs", "imprimante", "scanner"], "stored in the list's order");
        offer.Support.ShouldBe(["individuel", "atelier"]);
        offer.SpecificSupport.ShouldBe(["deficience-visuelle"]);
        offer.Programmes.ShouldBe(["aidants-connect"]);
        offer.OtherLabels.ShouldBe("Pass numériques acceptés");
        offer.Fees.ShouldBe(["gratuit-sous-condition"], "what was not changed stays");
        offer.Access.ShouldBe(["se-presenter"]);

        var changes = (await app.WithDbAsync(db => db.SheetRevisions.SingleAsync())).ChangeList;
        changes.Single(c => c.Field == $"Service « {Papi} » : Matériel à disposition").ShouldSatisfyAllConditions(
            c => c.Before.ShouldBe("Ordinateurs, Imprimante"),
            c => c.After.ShouldBe("Ordinateurs, Imprimante, Scanner"));
        changes.ShouldContain(c => c.Field == $"Service « {Papi} » : Autres formations et labels" && c.After == "Pass numériques acceptés");

        var sheet = await Html.ParseAsync(await app.CreateClient().GetStringAsync("/structure/" + Restos));
        var item = sheet.QuerySelectorAll("ul.services > li").Single(li => li.QuerySelector("h3")!.TextContent == Papi);
        var terms = item.QuerySelectorAll("dl.facts dt").Select(d => d.TextContent).ToList();
        terms.ShouldContain("Aide numérique");
        terms.ShouldContain("Matériel à disposition");
        terms.ShouldContain("Dispositifs et labels");
        var equipment = item.QuerySelectorAll("dl.facts dt").Single(d => d.TextContent == "Matériel à disposition").NextElementSibling!;
        equipment.QuerySelectorAll("li").Select(l => l.TextContent.Trim()).ShouldBe(["Ordinateurs", "Imprimante", "Scanner"]);
        equipment.QuerySelectorAll("svg").ShouldAllBe(s => s.GetAttribute("aria-hidden") == "true");
        equipment.QuerySelectorAll("use").Select(u => u.GetAttribute("href")).ShouldBe(["/img/pictos.svg#ordinateur", "/img/pictos.svg#imprimante", "/img/pictos.svg#scanner"]);
        item.TextContent.ShouldContain("Gratuit sous condition");
        item.TextContent.ShouldContain("Aide aux démarches en ligne");
        item.TextContent.ShouldContain("Aidants Connect · Pass numériques acceptés");

        // Every pictogram the sheet names is drawn.
        var symbols = await File.ReadAllTextAsync(Path.Combine(NodeScript.RepositoryRoot, "src", "Reperes.Web", "wwwroot", "img", "pictos.svg"));
        item.QuerySelectorAll("use").Select(u => u.GetAttribute("href")!.Split('#')[1]).ShouldAllBe(symbol => symbols.Contains($"id=\"{symbol}\"", StringComparison.Ordinal));

        // And it filters the search: the scanner and the basics, now offered by one service of the place.
        var found = await app.CreateClient().GetStringAsync("/api/v1/search?pageSize=100&materiel=scanner&aide=outils-quotidien&accompagnement=atelier");
        found.ShouldContain($"\"slug\":\"{Restos}\"");

        // In English.
        var english = new HttpRequestMessage(HttpMethod.Get, "/structure/" + Restos);
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishSheet = await Html.ParseAsync(await (await app.CreateClient().SendAsync(english)).Content.ReadAsStringAsync());
        var englishItem = englishSheet.QuerySelectorAll("ul.services > li").Single(li => li.QuerySelector("h3")!.TextContent == Papi);
        englishItem.TextContent.ShouldContain("Equipment available");
        englishItem.TextContent.ShouldContain("Help with online procedures");
        englishItem.TextContent.ShouldContain("Free under conditions");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_UnknownMediationValue_ChangesNothingAndSaysWhy(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, OtherManager);
        var before = await ServiceAsync(app, Restos, Papi);

        var response = await SubmitAsync(client, Area($"services/{before.Id}", Restos), Form,
        [
            ("Input.MediationEquipment", "fax"),
            ("Input.MediationServices", "demarches"),
            ("Input.MediationOtherLabels", new string('x', 501)),
        ]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await DocumentAsync(response);
        var errors = page.QuerySelector("[role=alert]")!.TextContent;
        errors.ShouldContain("Une valeur proposée dans la liste est attendue.");
        errors.ShouldContain("Les autres formations et labels sont trop longs : 500 caractères au plus.");
        (await ServiceAsync(app, Restos, Papi)).MediationEquipment.ShouldBe(before.MediationEquipment);
        (await ServiceAsync(app, Restos, Papi)).MediationServices.ShouldBe(before.MediationServices);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Edit_ServiceOutsideTheDigitalCategories_KeepsTheFieldsetClosedAndSavesNoMediation(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var id = (await ServiceAsync(app, Ozanam, "Douches")).Id;

        var (_, form) = await client.GetPageAsync(Area($"services/{id}"));
        form.QuerySelector("details#mediation")!.HasAttribute("open").ShouldBeFalse();

        var response = await SubmitAsync(client, Area($"services/{id}"), Form, [("Input.MediationEquipment", "wifi")]);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.OriginalString.ShouldContain("fait=rien");
        (await ServiceAsync(app, Ozanam, "Douches")).Mediation.IsEmpty.ShouldBeTrue();
    }
}
