using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Tests.Accounts;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>Two-step verification in headless Chromium, as a person turns it on and then signs in with a code.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class TwoFactorBrowserTests(BrowserFixture browser)
{
    // An account of its own: the browser tests share one application, and this test changes the account.
    private const string Email = "deux.etapes@demo.reperes.example";

    [BrowserFact]
    public async Task TwoStepVerification_TurnedOn_ThenSigningInAsksForTheAppCode()
    {
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ReperesUser>>();
            var account = new ReperesUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = "Gwen", CreatedAt = ReperesApp.DefaultNow };
            (await users.CreateAsync(account, DemoAccounts.Password)).Succeeded.ShouldBeTrue();
        }

        var page = await browser.NewPageAsync();
        await SignInWithPasswordAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sécurité du compte : mot de passe, validation en deux étapes" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Activer la validation en deux étapes" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code à scanner avec l’application d’authentification" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        var key = (await page.Locator("code.secret-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);

        await page.GetByLabel("Code à 6 chiffres").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Codes de secours", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("La validation en deux étapes est activée.");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Vos codes de secours" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Imprimer" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "J’ai noté mes codes" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Activée sur votre compte.")).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();

        await page.GetByRole(AriaRole.Link, new() { Name = "Mon espace" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Connexion" })).ToBeVisibleAsync();

        await SignInWithPasswordAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Code de l’application", Level = 1 })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty();
        await page.GetByLabel("Code à 6 chiffres").FillAsync(Totp.WrongCode(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Ce code n’est pas le bon.");

        var code = Totp.Code(key);
        await page.GetByLabel("Code à 6 chiffres").FillAsync($"{code[..3]} {code[3..]}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider le code" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForURLAsync(MySpaceUrl());
    }

    private static async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(Email);
        await page.GetByLabel("Mot de passe").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
    }

    [GeneratedRegex("/mon-espace$")]
    private static partial Regex MySpaceUrl();
}
