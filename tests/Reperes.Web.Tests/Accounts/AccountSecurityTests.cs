using System.Net;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>"Sécurité du compte": the name and the password of the signed-in person.</summary>
public sealed class AccountSecurityTests
{
    private const string Email = "redaction.ozanam@demo.reperes.example";
    private const string Security = "/mon-espace/securite";

    private static async Task<HttpClient> SignedInAsync(ReperesApp app)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(Email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string @new, string? confirmation = null) =>
        client.PostFormAsync(Security, new()
        {
            ["Password.Current"] = current,
            ["Password.New"] = @new,
            ["Password.Confirmation"] = confirmation ?? @new,
        }, Security + "?handler=Password");

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")?.TextContent ?? "";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangePassword_WrongCurrentPassword_IsRefusedAndChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);

        var refused = await ChangePasswordAsync(client, "pas le bon mot de passe", "un nouveau mot de passe");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(refused)).ShouldContain("Le mot de passe actuel n’est pas le bon.");
        (await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CreateBrowserLikeClient().LogInAsync(Email, "un nouveau mot de passe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Mailbox.Read(app.DataDirectory).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangePassword_RightCurrentPassword_ChangesItKeepsTheSessionAndMailsThePerson(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);

        var changed = await ChangePasswordAsync(client, DemoAccounts.Password, "un nouveau mot de passe");

        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        changed.Headers.Location!.OriginalString.ShouldBe(Security + "?fait=mot-de-passe");
        var (_, page) = await client.GetPageAsync(changed.Headers.Location.OriginalString);
        page.QuerySelector("[role=status]")!.TextContent.ShouldContain("Votre mot de passe est changé.");
        (await app.CreateBrowserLikeClient().LogInAsync(Email, "un nouveau mot de passe")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var mail = Mailbox.Read(app.DataDirectory).ShouldHaveSingleItem();
        mail.To.ShouldBe(Email);
        mail.Subject.ShouldBe("Repères : votre mot de passe a été changé");
        mail.Body.ShouldContain("Le mot de passe de votre compte Repères a été changé le 24 novembre 2026 à 10:00.");
    }

    [Fact]
    public async Task ChangePassword_BadNewPasswords_GetClearMessagesInTheirLanguage()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await SignedInAsync(app);

        var tooShort = await ChangePasswordAsync(client, DemoAccounts.Password, "court");
        var different = await ChangePasswordAsync(client, DemoAccounts.Password, "un nouveau mot de passe", "un autre mot de passe");
        var same = await ChangePasswordAsync(client, DemoAccounts.Password, DemoAccounts.Password);
        var english = await client.PostFormAsync(Security + "?lang=en", new()
        {
            ["Password.Current"] = DemoAccounts.Password,
            ["Password.New"] = "court",
            ["Password.Confirmation"] = "court",
        }, Security + "?handler=Password&lang=en");

        (await AlertAsync(tooShort)).ShouldContain("Le mot de passe doit compter au moins 10 caractères.");
        (await AlertAsync(different)).ShouldContain("Les deux mots de passe ne sont pas identiques.");
        (await AlertAsync(same)).ShouldContain("Le nouveau mot de passe doit être différent de l’actuel.");
        (await AlertAsync(english)).ShouldContain("at least 10 characters");
        (await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangeDisplayName_ShowsTheNewNameInMySpace(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);

        var empty = await client.PostFormAsync(Security, new() { ["Name.DisplayName"] = "   " }, Security + "?handler=DisplayName");
        var renamed = await client.PostFormAsync(Security, new() { ["Name.DisplayName"] = "  Katell Le Gall " }, Security + "?handler=DisplayName");

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(empty)).ShouldContain("Indiquez votre nom.");
        renamed.Headers.Location!.OriginalString.ShouldBe(Security + "?fait=nom");
        (await client.GetStringAsync("/mon-espace")).ShouldContain("Bonjour Katell Le Gall.");
    }

    [Fact]
    public async Task SecurityPages_Anonymous_AreSentToTheLoginPage()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        var client = app.CreateBrowserLikeClient();

        foreach (var page in new[] { Security, Security + "/deux-etapes", Security + "/codes-de-secours", Security + "/deux-etapes/desactiver", Security + "/deux-etapes/nouvelle-cle" })
        {
            var response = await client.GetAsync(page);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, page);
            response.Headers.Location!.OriginalString.ShouldStartWith("http://localhost/connexion?ReturnUrl=", customMessage: page);
        }
    }

    [Fact]
    public async Task SecurityPage_WithoutAntiforgeryToken_IsRefused()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await SignedInAsync(app);

        var forged = await client.PostAsync(Security + "?handler=DisplayName", new FormUrlEncodedContent(new Dictionary<string, string> { ["Name.DisplayName"] = "Pirate" }));

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetStringAsync("/mon-espace")).ShouldNotContain("Pirate");
    }

    [Fact]
    public async Task MySpace_LinksToTheSecurityPageAndSignsOut()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await SignedInAsync(app);

        var (_, page) = await client.GetPageAsync("/mon-espace");

        page.QuerySelector($"main a[href='{Security}']").ShouldNotBeNull();

        // Its sign-out button posts with the antiforgery token, or the sign-out would be refused.
        var token = page.QuerySelector("form[action='/deconnexion'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var signedOut = await client.PostAsync("/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
