using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Orientation;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Orientation;

/// <summary>A slip shared by its link: what is stored, how long it lives, the SMS lines and the e-mail.</summary>
public sealed class SharedSlipTests
{
    private const string Note = "Demandez Anne, venez avec votre attestation CAF.";

    private sealed class MailServerDown : IMailer
    {
        public Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken = default) =>
            throw new MailDeliveryException($"E-mail to {to} not sent: the server cannot be reached (ConnectionRefused)", new IOException("refused"));
    }

    /// <summary>Adds the first <paramref name="count"/> results of a search, writes the note, shares; the path of the link.</summary>
    public static async Task<string> ShareAsync(HttpClient client, int count = 3, string search = "/recherche?q=douche")
    {
        for (var i = 0; i < count; i++)
        {
            var (_, page) = await client.GetPageAsync(search);
            await client.SubmitAsync(page.QuerySelectorAll("li.result form.slip-add")[0]);
        }

        var (_, slip) = await client.SlipAsync();
        var form = slip.QuerySelector("#slip-form")!;
        (await client.SubmitAsync(form, [new("note", Note)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (_, slip) = await client.SlipAsync();
        var shared = await client.SubmitAsync(slip.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Share", StringComparison.Ordinal)));
        shared.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = shared.Headers.Location!.OriginalString;
        location.ShouldEndWith("?partage=true");
        return location[..location.IndexOf('?', StringComparison.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Share_Slip_StoresOnlyPlacesServicesAndNoteUnderAnUnguessableLink(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();

        var link = await ShareAsync(client);

        var token = link["/f/".Length..];
        token.Length.ShouldBe(22, "128 random bits in base64url");
        var (response, page) = await client.GetPageAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll("article.slip-place").Length.ShouldBe(3);
        page.QuerySelector(".slip-note")!.TextContent.ShouldContain(Note);
        page.QuerySelector("#lien")!.GetAttribute("value")!.ShouldEndWith(link);

        var stored = await app.WithDbAsync(db => db.SharedSlips.AsNoTracking().SingleAsync());
        stored.TokenHash.ShouldNotContain(token);
        stored.Note.ShouldBe(Note);
        stored.Selection.Places.Count.ShouldBe(3);
        (stored.ExpiresAt - stored.CreatedAt).ShouldBe(TimeSpan.FromDays(90));
        stored.CreatedAt.ShouldBe(app.Clock.GetUtcNow());

        // Nothing about the person can be stored: the table has exactly these columns.
        var columns = await app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(SharedSlip))!.GetProperties().Select(p => p.GetColumnName()).Order().ToList()));
        columns.ShouldBe(["created_at", "expires_at", "id", "note", "places", "token_hash"]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SharedSlip_AfterItsDaysOrUnknown_404ThatSaysWhich(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var link = await ShareAsync(client, count: 1);

        app.Clock.Now = app.Clock.Now.AddDays(90).AddMinutes(-1);
        (await client.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Clock.Now = app.Clock.Now.AddMinutes(1);
        var (expired, page) = await client.GetPageAsync(link);
        expired.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Ce lien a expiré le 22 février 2027");
        page.QuerySelectorAll("article.slip-place").ShouldBeEmpty();

        var (unknown, unknownPage) = await client.GetPageAsync("/f/AAAAAAAAAAAAAAAAAAAAAA");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownPage.QuerySelector("[role=alert]")!.TextContent.ShouldContain("Ce lien ne correspond à aucune fiche.");
        (await client.GetAsync("/f/trop-court")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SharedSlip_ConfiguredDays_ExpiresThen(string engine)
    {
        await using var app = new ReperesApp(engine);
        using var configured = app.WithWebHostBuilder(b => b.UseSetting("Reperes:Orientation:SlipDays", "7"));
        var client = configured.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var link = await ShareAsync(client, count: 1);

        app.Clock.Now = app.Clock.Now.AddDays(7);

        (await client.GetAsync(link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SmsLines_EveryPlace_AtMost160CharactersWithTheLink(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var link = await ShareAsync(client, count: 3);

        var (_, page) = await client.GetPageAsync(link);

        var full = page.QuerySelector("#lien")!.GetAttribute("value")!;
        var lines = page.QuerySelector("#sms")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(3);
        lines.ShouldAllBe(l => l.Length <= 160 && l.EndsWith(" " + full, StringComparison.Ordinal));
        lines.ShouldAllBe(l => l.All(c => SlipText.GsmCharacters.Contains(c)), "one SMS each: GSM characters only");
        lines[0].ShouldStartWith("1. " + page.QuerySelector("article.slip-place h2")!.TextContent.Trim());
    }

    [Fact]
    public void SmsLines_LongNameAndAddress_ShortenedNeverTheLink()
    {
        var link = "https://reperes.brest.example/f/" + new string('x', 22);
        var place = new Reperes.Web.Guide.Print.PrintedPlace(1, "s", new string('N', 120), "", new string('A', 80), ["02 98 00 00 00"], null, null, null, [], null, [], null, null, null, null, [], "u", "", null);
        var slip = new SlipView([new SlipPlaceView(place, [], [], null, "02 98 00 00 00")], "", 0, DateTimeOffset.UnixEpoch, DateOnly.MinValue);

        var line = SlipText.SmsLines(slip, link).ShouldHaveSingleItem();

        line.Length.ShouldBe(160);
        line.ShouldEndWith("... " + link);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_ByEmail_MessageWrittenAndAddressNeverStored(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var link = await ShareAsync(client);
        var (_, page) = await client.GetPageAsync(link);
        var form = SendForm(page);

        // Bad addresses: said in French, nothing sent.
        foreach (var bad in new[] { "", "pas-une-adresse", "a b@exemple.fr", new string('a', 250) + "@exemple.fr" })
        {
            var refused = await client.SubmitAsync(form, [new("Email", bad)]);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var refusedPage = await Html.ParseAsync(await refused.Content.ReadAsStringAsync());
            refusedPage.QuerySelector("form [role=alert]")!.TextContent.ShouldContain(bad.Length == 0 ? "Indiquez l’adresse électronique" : "Cette adresse électronique n’est pas valide.");
        }

        Mailbox.Read(app).ShouldBeEmpty();

        var sent = await client.SubmitAsync(form, [new("Email", "personne.orientee@exemple.fr")]);

        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.OriginalString.ShouldBe(link + "?envoye=true");
        var mail = Mailbox.To(app, "personne.orientee@exemple.fr").ShouldHaveSingleItem();
        mail.Body.ShouldContain(link);
        mail.Body.ShouldContain(Note);
        foreach (var name in page.QuerySelectorAll("article.slip-place h2").Select(h => h.TextContent.Trim()))
        {
            mail.Body.ShouldContain(name);
        }

        var rows = await app.WithDbAsync(db => db.SharedSlips.AsNoTracking().Select(s => s.Places + s.Note + s.TokenHash).ToListAsync());
        rows.ShouldAllBe(r => !r.Contains("orientee", StringComparison.OrdinalIgnoreCase));
        var (_, thanks) = await client.GetPageAsync(sent.Headers.Location.OriginalString);
        thanks.QuerySelector("[role=status]")!.TextContent.ShouldContain("L’adresse n’a pas été gardée.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Send_MailServerDown_ClearMessageNoErrorPage(string engine)
    {
        await using var app = new ReperesApp(engine) { TestServices = s => s.AddSingleton<IMailer>(new MailServerDown()) };
        var client = app.CreateBrowserLikeClient();
        var link = await ShareAsync(client, count: 1);
        var (_, page) = await client.GetPageAsync(link);

        var response = await client.SubmitAsync(SendForm(page), [new("Email", "personne.orientee@exemple.fr")]);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var answer = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
        answer.QuerySelector("form [role=alert]")!.TextContent.ShouldContain("Le serveur de courriel ne répond pas : la fiche n’est pas partie.");
        answer.QuerySelectorAll("article.slip-place").Length.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task SharedSlip_PlaceTakenOffline_LeftOutAndSaid(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        var link = await ShareAsync(client, count: 2);
        var (_, before) = await client.GetPageAsync(link);
        var names = before.QuerySelectorAll("article.slip-place h2").Select(h => h.TextContent.Trim()).ToList();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            var structure = await db.Structures.SingleAsync(s => s.Name == names[0]);
            var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
            (await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(StructureAuthor.Of(coordinator), structure, StructureStatus.Offline, UpdatedDate.Moves, CancellationToken.None))
                .ShouldBe(StatusChangeOutcome.Changed);
        }

        var (response, after) = await client.GetPageAsync(link);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.QuerySelectorAll("article.slip-place h2").Select(h => h.TextContent.Trim()).ShouldBe([names[1]]);
        after.QuerySelector(".slip-sheet .alert")!.TextContent.ShouldContain("1 adresse(s) de cette fiche ne sont plus dans le guide.");
        after.QuerySelector("#sms")!.TextContent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Share_AYearAfterAnExpiry_TheExpiredSlipIsDeleted(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateBrowserLikeClient();
        await ShareAsync(client, count: 1);
        var first = await app.WithDbAsync(db => db.SharedSlips.AsNoTracking().SingleAsync());

        app.Clock.Now = first.ExpiresAt.AddDays(365).AddMinutes(1);
        var (_, slip) = await client.SlipAsync();
        (await client.SubmitAsync(slip.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Share", StringComparison.Ordinal)))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var left = await app.WithDbAsync(db => db.SharedSlips.AsNoTracking().ToListAsync());
        left.ShouldHaveSingleItem().Id.ShouldNotBe(first.Id);
    }

    private static IElement SendForm(IDocument page) =>
        page.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Send", StringComparison.Ordinal));

    [Fact]
    public void Gsm_FrenchTypography_PlainFormsAndAccentsTheAlphabetLacks() =>
        SlipText.Gsm("Fête de l’hôpital — « Œuvre » à Brest… près de Saint-Étienne").ShouldBe("Fete de l'hopital - \" OEuvre \" à Brest... près de Saint-Étienne");

    [Fact]
    public void Token_LooksLikeToken_OnlyTheLinksShape() =>
        new[] { "AAAAAAAAAAAAAAAAAAAAAA", "abc", "AAAAAAAAAAAAAAAAAAAA/A", null }.Select(SharedSlip.LooksLikeToken).ShouldBe([true, false, false, false]);

    [Fact]
    public void Culture_DateOfExpiry_FrenchWords() =>
        new DateTimeOffset(2027, 2, 22, 10, 0, 0, TimeSpan.FromHours(1)).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")).ShouldBe("22 février 2027");
}
