using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Api;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>
/// The search filters on the digital-mediation fields (kinds of help, accompaniment, equipment): one service of a
/// place must offer every code asked; any of them keeps the search to the two digital categories; the public page
/// "Où aller sur internet ?" and the printed guide's chapter read the same search.
/// </summary>
public sealed class MediationSearchTests
{
    private sealed record Fixture(string Papi, string Workshop, string Paperwork, int DigitalPlaces);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_MediationFilters_KeepExactlyThePlacesWhoseServiceOffersEveryCode(string engine)
    {
        await using var app = new ReperesApp(engine);
        var fixture = await DescribeAsync(app);
        var client = app.CreateClient();

        (await SlugsAsync(client, "aide=demarches")).ShouldBe(new[] { fixture.Papi, fixture.Paperwork }.Order());
        (await SlugsAsync(client, "aide=demarches&accompagnement=individuel&materiel=imprimante")).ShouldBe([fixture.Papi]);
        (await SlugsAsync(client, "materiel=ordinateurs")).ShouldBe(new[] { fixture.Papi, fixture.Workshop }.Order());
        (await SlugsAsync(client, "accompagnement=atelier")).ShouldBe([fixture.Workshop]);

        // A code of one service and a code of another service of the same place: no single service offers both.
        (await SlugsAsync(client, "accompagnement=atelier&materiel=imprimante")).ShouldBeEmpty();

        // The data API filters the same way.
        var structures = await client.GetStringAsync("/api/v1/structures?aide=demarches&materiel=imprimante");
        var slugs = System.Text.Json.JsonDocument.Parse(structures).RootElement.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("slug").GetString()).ToList();
        slugs.ShouldBe([fixture.Papi]);

        // The words of the fields are searched: "imprimante" finds the place with a printer, a programme only its places.
        var printer = await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?q=imprimante&pageSize=100");
        printer!.Results.Select(r => r.Slug).ShouldContain(fixture.Papi);
        var programme = await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?q=promeneurs+du+net");
        programme!.Results[0].Slug.ShouldBe(fixture.Paperwork);

        // The data API gives each digital service's fields as codes; other services have none.
        var services = new List<System.Text.Json.JsonElement>();
        foreach (var category in new[] { DigitalMediation.InternetAccessCategory, DigitalMediation.WorkshopsCategory })
        {
            services.AddRange(System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/services?category={category}&per_page=100")).RootElement.GetProperty("items").EnumerateArray());
        }

        var papi = services.Where(v => v.GetProperty("structure").GetProperty("url").GetString()!.EndsWith("/structure/" + fixture.Papi, StringComparison.Ordinal)
            && v.GetProperty("mediation").ValueKind == System.Text.Json.JsonValueKind.Object).ShouldHaveSingleItem().GetProperty("mediation");
        papi.GetProperty("equipment").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ordinateurs", "imprimante", "scanner"]);
        papi.GetProperty("services").EnumerateArray().Select(e => e.GetString()).ShouldBe(["acces-internet", "demarches"]);
        var food = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/v1/services?category=repas&per_page=5")).RootElement.GetProperty("items");
        food.EnumerateArray().ShouldAllBe(v => v.GetProperty("mediation").ValueKind == System.Text.Json.JsonValueKind.Null);

        // Places to get online: every online place with a service in a digital category.
        (await SlugsAsync(client, "numerique=true")).Count.ShouldBe(fixture.DigitalPlaces);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_UnknownMediationCode_AnswersABadRequestInTheUsersLanguage(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();

        var api = await client.GetAsync("/api/v1/search?aide=teleportation");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).ShouldContain("Ce filtre d’aide au numérique est inconnu.");

        var page = await client.GetAsync("/internet?materiel=fax");
        page.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Ce filtre d’aide au numérique est inconnu.");

        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var english = await client.GetAsync("/internet?materiel=fax");
        (await english.Content.ReadAsStringAsync()).ShouldContain("This digital help filter is unknown.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task InternetPage_Toggles_ListThePlacesAndKeepEachOther(string engine)
    {
        await using var app = new ReperesApp(engine);
        var fixture = await DescribeAsync(app);
        var client = app.CreateClient();

        var all = await Html.ParseAsync(await client.GetStringAsync("/internet"));
        all.QuerySelectorAll("li.result").Length.ShouldBe(Math.Min(fixture.DigitalPlaces, 20));
        var printer = all.QuerySelectorAll(".toggles a").Single(a => a.TextContent.Contains("Avec une imprimante"));
        printer.ClassList.Contains("on").ShouldBeFalse();

        var withPrinter = await Html.ParseAsync(await client.GetStringAsync(printer.GetAttribute("href")!));
        Slugs(withPrinter).ShouldBe([fixture.Papi]);
        var on = withPrinter.QuerySelectorAll(".toggles a").Single(a => a.TextContent.Contains("Avec une imprimante"));
        on.ClassList.Contains("on").ShouldBeTrue();

        // Another toggle keeps the printer; tapping the printer again takes it off.
        var help = withPrinter.QuerySelectorAll(".toggles a").Single(a => a.TextContent.Contains("Avec quelqu’un pour aider")).GetAttribute("href")!;
        help.ShouldContain("materiel=imprimante");
        help.ShouldContain("accompagnement=individuel");
        on.GetAttribute("href")!.ShouldNotContain("materiel=");

        // The filters' check boxes show what is asked, and the map reads the same search.
        withPrinter.QuerySelector("input[name=materiel][value=imprimante]")!.HasAttribute("checked").ShouldBeTrue();
        withPrinter.QuerySelector("#results-map")!.GetAttribute("data-source")!.ShouldContain("materiel=imprimante");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task PrintedGuide_DigitalChapter_PrintsThePlacesWithTheirHelpAndEquipment(string engine)
    {
        await using var app = new ReperesApp(engine);
        var fixture = await DescribeAsync(app);
        var client = app.CreateClient();

        var guide = await Html.ParseAsync(await client.GetStringAsync("/guide-imprimable"));
        guide.QuerySelectorAll(".chips a").ShouldContain(a => a.GetAttribute("href") == "/guide-imprimable?numerique=true");

        var chapter = await Html.ParseAsync(await client.GetStringAsync("/guide-imprimable?numerique=true&aide=demarches"));
        chapter.QuerySelector("h1")!.TextContent.ShouldBe("Guide imprimable : Où aller sur internet ?");
        var papi = chapter.QuerySelector("#fiche-" + fixture.Papi)!;
        var lines = papi.QuerySelectorAll(".print-digital").Select(p => p.TextContent.Trim()).ToList();
        lines.ShouldContain("Aide proposée : Accès à internet et à un ordinateur, Aide aux démarches en ligne");
        lines.ShouldContain("Accompagnement : Seul, avec du matériel à disposition, Aide individuelle");
        lines.ShouldContain("Matériel à disposition : Ordinateurs, Imprimante, Scanner");
        chapter.QuerySelectorAll(".print-entry").Length.ShouldBe(2);
        chapter.QuerySelector(".print-about")!.TextContent.ShouldContain("Lieux pour aller sur internet et s’y faire aider");
    }

    /// <summary>
    /// Clears the mediation fields of every digital service of the demo, then describes three services of three
    /// online places, through the sheets' write path.
    /// </summary>
    private static async Task<Fixture> DescribeAsync(ReperesApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var writer = scope.ServiceProvider.GetRequiredService<StructureWriter>();
        var author = StructureAuthor.Of(await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example"));
        var digital = new[] { DigitalMediation.InternetAccessCategory, DigitalMediation.WorkshopsCategory };
        var structures = await db.Structures.Include(s => s.Services).ThenInclude(v => v.Category)
            .Where(s => s.Status == StructureStatus.Online && s.Services.Any(v => digital.Contains(v.Category.Code)))
            .OrderBy(s => s.Slug).ToListAsync();
        structures.Count.ShouldBeGreaterThanOrEqualTo(3);

        var offers = new Dictionary<int, MediationOffer>
        {
            [0] = MediationOffer.None with { Services = ["acces-internet", "demarches"], Support = ["autonomie", "individuel"], Equipment = ["ordinateurs", "imprimante", "scanner"] },
            [1] = MediationOffer.None with { Services = ["outils-quotidien"], Support = ["atelier"], Equipment = ["ordinateurs"] },
            [2] = MediationOffer.None with { Services = ["demarches"], Support = ["individuel", "distance"], Programmes = ["promeneurs-du-net"] },
        };
        for (var i = 0; i < structures.Count; i++)
        {
            var structure = structures[i];
            var first = true;
            await writer.WriteAsync(author, structure, UpdatedDate.Moves, () =>
            {
                foreach (var service in structure.Services.Where(v => digital.Contains(v.Category.Code)))
                {
                    service.SetMediation(first && offers.TryGetValue(i, out var offer) ? offer : MediationOffer.None);
                    first = false;
                }

                return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange("Médiation numérique", null, "test")]);
            }, CancellationToken.None);
        }

        // A printer on a service of the workshop's place other than the workshop itself.
        var workshopPlace = structures[1];
        if (workshopPlace.Services.Count(v => digital.Contains(v.Category.Code)) > 1)
        {
            await writer.WriteAsync(author, workshopPlace, UpdatedDate.Moves, () =>
            {
                workshopPlace.Services.Where(v => digital.Contains(v.Category.Code)).Skip(1).First()
                    .SetMediation(MediationOffer.None with { Services = ["acces-internet"], Equipment = ["imprimante"] });
                return Task.FromResult<IReadOnlyList<FieldChange>>([new FieldChange("Médiation numérique", null, "test")]);
            }, CancellationToken.None);
        }

        return new Fixture(structures[0].Slug, structures[1].Slug, structures[2].Slug, structures.Count);
    }

    private static async Task<List<string>> SlugsAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/search?pageSize=100&" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<SearchResponseDto>())!;
        return result.Results.Select(r => r.Slug).Order().ToList();
    }

    private static List<string> Slugs(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll("li.result :is(h2, h3) a").Select(a => a.GetAttribute("href")!["/structure/".Length..]).Distinct().Order().ToList();
}
