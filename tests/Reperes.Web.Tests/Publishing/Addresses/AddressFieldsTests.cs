using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Guide.Communes;
using Reperes.Web.Guide.Search;
using Reperes.Web.Publishing.Addresses;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Addresses;

/// <summary>
/// The address in the staff's forms: the commune from the national list, the street typed, the position from the
/// pin, the geocoder or the commune's centre — never coordinates typed by hand. Posted as a browser without
/// JavaScript posts the form (the pin is then the script's hidden fields).
/// </summary>
public sealed class AddressFieldsTests
{
    private const string SheetForm = "#sheet-form";

    private static FrenchCommune Commune(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string code) =>
        app.Services.GetRequiredService<FrenchCommunes>().All.First(c => c.Code == code);

    private static async Task<Structure> OzanamAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Reperes.Web.Data.ReperesDbContext>().Structures.AsNoTracking().SingleAsync(s => s.Slug == Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_Page_AsksForTheCommuneAndStreetWithAMapNeverForCoordinates(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var (_, page) = await client.GetPageAsync(Area("modifier"));

        page.QuerySelector("#commune")!.GetAttribute("value").ShouldBe("Brest (29200)");
        page.QuerySelector("#street")!.GetAttribute("value").ShouldNotBeNullOrEmpty();
        page.QuerySelector("#commune-found")!.TextContent.ShouldContain("code INSEE 29019");
        page.QuerySelector("#address-map").ShouldNotBeNull();
        // No field for coordinates or INSEE code: only the pin's hidden fields.
        page.QuerySelectorAll("input[name='Input.Latitude'], input[name='Input.Longitude'], input[name='Input.CommuneCode']").ShouldAllBe(i => i.GetAttribute("type") == "hidden");
        page.QuerySelectorAll("label").Select(l => l.TextContent).ShouldNotContain(t => t.Contains("Latitude") || t.Contains("INSEE"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_PostalCodeOfTwoCommunes_AsksWhichThenSavesItsCodesAndCentre(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var asked = await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Commune", "29280"), ("Input.Street", "12 rue de Kerivin")]);

        asked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await DocumentAsync(asked);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Plusieurs communes correspondent à « 29280 »");
        page.QuerySelectorAll("input[name='Input.CommuneCode'][type=radio]").Select(r => r.GetAttribute("value")).ShouldBe(["29212", "29130"]);
        (await OzanamAsync(app)).City.ShouldBe("Brest");

        var saved = await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Commune", "29280"), ("Input.Street", "12 rue de Kerivin"), ("Input.CommuneCode", "29130")]);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var structure = await OzanamAsync(app);
        (structure.Street, structure.PostalCode, structure.City, structure.CommuneCode).ShouldBe(("12 rue de Kerivin", "29280", "Locmaria-Plouzané", "29130"));
        var locmaria = Commune(app, "29130");
        Geo.DistanceKm(structure.Latitude!.Value, structure.Longitude!.Value, locmaria.Latitude!.Value, locmaria.Longitude!.Value).ShouldBeLessThan(0.01);
        var revision = await app.WithDbAsync(db => db.SheetRevisions.AsNoTracking().SingleAsync());
        revision.ChangeList.ShouldContain(c => c.Field == "Adresse" && c.After!.StartsWith("12 rue de Kerivin, 29280 Locmaria-Plouzané (29130;"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_WithoutScript_PositionKeptWhileTheAddressStaysThenTheNewCommunesCentre(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);
        var before = await OzanamAsync(app);

        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Phones", "02 98 00 00 00")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var unchanged = await OzanamAsync(app);
        (unchanged.Latitude, unchanged.Longitude, unchanged.CommuneCode).ShouldBe((before.Latitude, before.Longitude, before.CommuneCode));

        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Commune", "guipavas"), ("Input.Street", "3 rue de Paris")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var moved = await OzanamAsync(app);
        var guipavas = Commune(app, "29075");
        (moved.City, moved.PostalCode, moved.CommuneCode).ShouldBe(("Guipavas", "29490", "29075"));
        guipavas.Precision.ShouldBe(CentrePrecision.Exact);
        (moved.Latitude, moved.Longitude).ShouldBe((Math.Round(guipavas.Latitude!.Value, 6), Math.Round(guipavas.Longitude!.Value, 6)));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_PinPlaced_SavesItsPosition_AndAFarPinIsRefused(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var far = await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Latitude", "43.3"), ("Input.Longitude", "5.4"), ("Input.PinMoved", "1")]);
        far.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DocumentAsync(far)).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Le repère est loin de Brest");

        var placed = await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Latitude", "48.3891234"), ("Input.Longitude", "-4.4870001"), ("Input.PinMoved", "1")]);

        placed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var structure = await OzanamAsync(app);
        (structure.Latitude, structure.Longitude).ShouldBe((48.389123, -4.487));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_MisspeltCommune_AsksToConfirmItAndChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var response = await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Commune", "Plouzne")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await DocumentAsync(response);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Vouliez-vous dire Plouzané (29280) ? Confirmez la commune.");
        page.QuerySelectorAll("input[name='Input.CommuneCode'][type=radio]").Select(r => r.GetAttribute("value")).ShouldBe(["29212"]);
        (await app.WithDbAsync(db => db.SheetRevisions.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NewStructure_CommuneByName_GivesPostalAndInseeCodes_AndAStreetAPosition(string engine)
    {
        await using var app = new ReperesApp(engine);
        var coordinator = await LoggedInAsync(app, "coordination@demo.reperes.example");
        Dictionary<string, string> Space(string name, string commune, string street) => new()
        {
            ["Input.Name"] = name,
            ["Input.Kind"] = "Association",
            ["Input.Commune"] = commune,
            ["Input.Street"] = street,
            ["Input.Summary"] = "Un lieu d’accueil.",
            ["Input.ManagerEmail"] = "accueil@example.org",
        };

        (await coordinator.PostFormAsync("/mon-espace/coordination/structures/nouvelle", Space("Accueil de Landerneau", "landerneau", ""))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await coordinator.PostFormAsync("/mon-espace/coordination/structures/nouvelle", Space("Accueil de Milizac", "Milizac", "2 place de l’Église"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var landerneau = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Name == "Accueil de Landerneau"));
        (landerneau.PostalCode, landerneau.City, landerneau.CommuneCode, landerneau.Street, landerneau.Latitude).ShouldBe(("29800", "Landerneau", "29103", null, null));
        var milizac = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Name == "Accueil de Milizac"));
        (milizac.PostalCode, milizac.City, milizac.CommuneCode, milizac.Street).ShouldBe(("29290", "Milizac", "29076", "2 place de l’Église"));
        milizac.Latitude.ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Suggestions_SignedInStaffOnly_CommunesByNameOrPostalCode(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await LoggedInAsync(app, Manager);

        var anonymous = await app.CreateBrowserLikeClient().GetAsync("/mon-espace/communes?q=plouza");
        var byName = await client.GetFromJsonAsync<List<CommuneSuggestionDto>>("/mon-espace/communes?q=plouza");
        var byPostalCode = await client.GetFromJsonAsync<List<CommuneSuggestionDto>>("/mon-espace/communes?q=29280");
        var quimper = await client.GetFromJsonAsync<List<CommuneSuggestionDto>>("/mon-espace/communes?q=Quimper");

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        byName![0].Label.ShouldBe("Plouzané (29280)");
        byPostalCode!.Select(s => s.Label).ShouldBe(["Plouzané (29280)", "Locmaria-Plouzané (29280)"]);
        quimper!.Where(s => s.Name == "Quimper").Select(s => s.PostalCode).ShouldBe(["29000"]);
        byName[0].Latitude.ShouldNotBeNull();
    }

    /// <summary>
    /// A geocoder compatible with the national address API, played by a small HTTP server of the test: the street is
    /// placed where it answers (in the form without script, and for the script's button); an answer in another
    /// commune or with a weak score is not used, and the pin goes to the commune's centre.
    /// </summary>
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Geocoder_Configured_PlacesTheStreet_OnlyWhenItAnswersInTheCommune(string engine)
    {
        var requests = new ConcurrentQueue<IQueryCollection>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var geocoder = builder.Build();
        geocoder.MapGet("/search/", (HttpRequest request) =>
        {
            requests.Enqueue(request.Query);
            var q = request.Query["q"].ToString();
            var (score, citycode) = q.Contains("nulle part", StringComparison.Ordinal) ? (0.2, "29019") : q.Contains("ailleurs", StringComparison.Ordinal) ? (0.9, "29075") : (0.93, "29019");
            return Results.Json(new
            {
                type = "FeatureCollection",
                features = new[]
                {
                    new
                    {
                        type = "Feature",
                        geometry = new { type = "Point", coordinates = new[] { -4.47421, 48.38977 } },
                        properties = new { label = "19 Rue Jean Jaurès 29200 Brest", score, citycode, type = "housenumber" },
                    },
                },
            });
        });
        await geocoder.StartAsync();
        await using var baseApp = new ReperesApp(engine);
        await using var app = baseApp.WithWebHostBuilder(b => b.UseSetting("Reperes:Geocoder:Url", geocoder.Urls.First() + "/search/"));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        (await client.LogInAsync(Manager, Reperes.Web.Admin.Demo.DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (_, page) = await client.GetPageAsync(Area("modifier"));
        page.QuerySelector("[data-address-picker]")!.GetAttribute("data-locate").ShouldBe("/mon-espace/adresse/position");

        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Street", "19 rue Jean Jaurès")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var structure = await OzanamAsync(app);
        (structure.Latitude, structure.Longitude).ShouldBe((48.38977, -4.47421));
        var asked = requests.Last();
        asked["citycode"].ToString().ShouldBe("29019");
        asked["q"].ToString().ShouldBe("19 rue Jean Jaurès 29200 Brest");

        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Street", "rue de nulle part")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var brest = Commune(app, "29019");
        (await OzanamAsync(app)).Latitude.ShouldBe(Math.Round(brest.Latitude!.Value, 6));

        var located = await client.GetFromJsonAsync<AddressPositionDto>("/mon-espace/adresse/position?rue=19%20rue%20Jean%20Jaur%C3%A8s&commune=29019&cp=29200");
        (located!.Latitude, located.Longitude).ShouldBe((48.38977, -4.47421));
        (await client.GetAsync("/mon-espace/adresse/position?rue=place%20ailleurs&commune=29019&cp=29200")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
