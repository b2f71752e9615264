using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.OpenData.Imports;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.OpenData.Imports;

namespace Reperes.Web.Tests.Coordination;

/// <summary>The coordinator's import page through HTTP: upload, the plan (nothing written), apply, the result.</summary>
public sealed class ImportsPageTests
{
    private const string Page = "/mon-espace/coordination/imports";

    private static async Task<HttpClient> CoordinatorAsync(ReperesApp app)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync("coordination@demo.reperes.example", DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, Dictionary<string, string>? fields = null)
    {
        var (_, page) = await client.GetPageAsync(Page);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "Upload", fileName);
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return await client.PostAsync(Page, form);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Upload_PlanThenApply_WritesOnlyWhenApplied(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await CoordinatorAsync(app);
        (await client.GetStringAsync("/mon-espace")).ShouldContain($"href=\"{Page}\"");
        var before = await ImportFixtures.FingerprintAsync(app);

        // A CSV under a spreadsheet's name: read for what it is.
        var uploaded = await UploadAsync(client, ImportFixtures.MediationExample, "lieux.xlsx", new() { ["enligne"] = "true" });
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var planUrl = uploaded.Headers.Location!.OriginalString;
        planUrl.ShouldStartWith(Page + "?jeton=");
        planUrl.ShouldContain("enligne=true");
        Directory.GetFiles(Path.Combine(app.DataDirectory, "imports")).Length.ShouldBe(1);

        var (planResponse, plan) = await client.GetPageAsync(planUrl);
        planResponse.StatusCode.ShouldBe(HttpStatusCode.OK);
        var row = plan.QuerySelector("table.import-plan tbody tr")!;
        row.QuerySelector("td")!.TextContent.ShouldBe("2");
        row.QuerySelector("th[scope=row]")!.TextContent.ShouldContain("Anonymal");
        row.TextContent.ShouldContain("À créer");
        row.TextContent.ShouldContain("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
        plan.QuerySelector("[role=status]")!.TextContent.ShouldContain("1 à créer");
        (await ImportFixtures.FingerprintAsync(app)).ShouldBe(before, "the plan writes nothing");

        var applyForm = plan.QuerySelector("form.import-apply")!;
        var fields = applyForm.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields.ShouldNotContainKey("Upload");
        var applied = await client.PostAsync(applyForm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        applied.Headers.Location!.OriginalString.ShouldContain("resultat=true");
        var (_, result) = await client.GetPageAsync(applied.Headers.Location.OriginalString);
        result.QuerySelector("table.import-plan tbody tr")!.TextContent.ShouldContain("Créée");
        result.QuerySelector("table.import-plan tbody tr a")!.GetAttribute("href").ShouldBe("/mon-espace/structure/anonymal/modifier");

        var place = await app.WithDbAsync(db => db.Structures.SingleAsync(s => s.Name == "Anonymal"));
        place.Status.ShouldBe(Reperes.Web.Core.Structures.StructureStatus.Online);
        var coordinatorId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == "coordination@demo.reperes.example").Select(u => u.Id).SingleAsync());
        (await app.WithDbAsync(db => db.SheetRevisions.SingleAsync(r => r.StructureId == place.Id))).UserId.ShouldBe(coordinatorId);
        Directory.GetFiles(Path.Combine(app.DataDirectory, "imports"), "*.file.upload").ShouldBeEmpty("the file is deleted once applied");

        // The same token again: the file is gone, nothing happens twice.
        var again = await client.PostAsync(applyForm.GetAttribute("action"), new FormUrlEncodedContent(fields));
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync()).ShouldContain("n’est plus disponible");
        (await app.WithDbAsync(db => db.Structures.CountAsync(s => s.Name == "Anonymal"))).ShouldBe(1);
    }

    [Fact]
    public async Task Upload_UnreadableOrMissingFile_SaysWhyAndKeepsNothing()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await CoordinatorAsync(app);

        var picture = await UploadAsync(client, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "structures.csv");
        picture.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await Html.ParseAsync(await picture.Content.ReadAsStringAsync());
        page.QuerySelector("[role=alert]")!.TextContent.ShouldBe("Ce fichier n’est ni un tableur (XLSX), ni un CSV, ni du JSON.");

        var columns = await UploadAsync(client, Encoding.UTF8.GetBytes("a,b\n1,2"), "x.csv");
        (await Html.ParseAsync(await columns.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")!.TextContent.ShouldContain("Colonnes non reconnues");

        var (_, form) = await client.GetPageAsync(Page);
        var empty = new MultipartFormDataContent { { new StringContent(form.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" } };
        var none = await client.PostAsync(Page, empty);
        none.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await none.Content.ReadAsStringAsync()).ShouldContain("Choisissez un fichier à importer.");

        var imports = Path.Combine(app.DataDirectory, "imports");
        (Directory.Exists(imports) ? Directory.GetFiles(imports) : []).ShouldBeEmpty(); // an unreadable file is deleted at once
        (await client.GetAsync(Page + "?jeton=../../reperes.db")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync(Page + "?jeton=0123456789abcdef0123456789abcdef")).ShouldContain("n’est plus disponible");
    }

    [Fact]
    public async Task Templates_Download_AsCsvAndXlsxWithTheDocumentedColumns()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await CoordinatorAsync(app);
        var (_, page) = await client.GetPageAsync(Page);
        var xlsxLink = page.QuerySelectorAll("a").Single(a => a.TextContent.Contains("modèle XLSX", StringComparison.Ordinal)).GetAttribute("href")!;

        var xlsx = await client.GetAsync(xlsxLink);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        SpreadsheetFile.Read(await xlsx.Content.ReadAsByteArrayAsync()).Header.ShouldBe(["identifiant", "nom", "type", "résumé", "description", "adresse", "code postal", "commune", "code insee", "latitude", "longitude", "téléphone", "courriel", "site", "horaires", "catégories", "gratuit", "accès"]);

        var csv = await client.GetAsync(Page + "?handler=Template&type=csv");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        ImportFile.Csv(ImportFile.Text(await csv.Content.ReadAsByteArrayAsync())).Header.ShouldBe(ImportTemplate.Header);
        page.QuerySelectorAll("table.import-plan tbody th").Select(t => t.TextContent).ShouldBe(ImportTemplate.Header);
    }
}
