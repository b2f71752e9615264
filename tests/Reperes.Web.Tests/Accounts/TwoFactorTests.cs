using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Accounts;

/// <summary>Two-step verification with an authenticator app: turning it on and off, signing in with it.</summary>
public sealed class TwoFactorTests
{
    private const string Email = "contribution@demo.reperes.example";
    private const string Setup = "/mon-espace/securite/deux-etapes";
    private const string Codes = "/mon-espace/securite/codes-de-secours";

    private static async Task<HttpClient> SignedInAsync(ReperesApp app, string email = Email)
    {
        var client = app.CreateBrowserLikeClient();
        (await client.LogInAsync(email, DemoAccounts.Password)).Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        return client;
    }

    private static async Task<string> KeyOnSetupPageAsync(HttpClient client)
    {
        var (response, page) = await client.GetPageAsync(Setup);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return page.QuerySelector("code.secret-key")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>Turns two-step verification on as a person would; returns the key and the recovery codes shown.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(HttpClient client)
    {
        var key = await KeyOnSetupPageAsync(client);
        var enabled = await client.PostFormAsync(Setup, new() { ["Code"] = Totp.Code(key) });
        enabled.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        enabled.Headers.Location!.OriginalString.ShouldBe(Codes);
        var (_, page) = await client.GetPageAsync(Codes);
        return (key, RecoveryCodesOn(page));
    }

    private static List<string> RecoveryCodesOn(IDocument page) =>
        page.QuerySelectorAll("ol.recovery-codes code").Select(c => c.TextContent).ToList();

    private static Task<bool> TwoFactorEnabledAsync(ReperesApp app, string email = Email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync());

    private static Task<HttpResponseMessage> LogInWithReturnAsync(HttpClient client, string returnUrl, bool rememberMe = false) =>
        client.PostFormAsync("/connexion?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new()
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = DemoAccounts.Password,
            ["Input.RememberMe"] = rememberMe ? "true" : "false",
            ["ReturnUrl"] = returnUrl,
        });

    private static async Task<string> AlertAsync(HttpResponseMessage response) =>
        (await Html.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector("[role=alert]")?.TextContent ?? "";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Enable_WrongCode_ChangesNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);
        var key = await KeyOnSetupPageAsync(client);

        var refused = await client.PostFormAsync(Setup, new() { ["Code"] = Totp.WrongCode(key) });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(refused)).ShouldContain("Ce code n’est pas le bon.");
        (await TwoFactorEnabledAsync(app)).ShouldBeFalse();
        Mailbox.Read(app.DataDirectory).ShouldBeEmpty();
        var again = await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password);
        again.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Enable_RightCodeWithSpaces_ShowsTenRecoveryCodesOnceAndMailsThePerson(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);
        var (setup, setupPage) = await client.GetPageAsync(Setup);
        var key = setupPage.QuerySelector("code.secret-key")!.TextContent;
        key.Split(' ').ShouldAllBe(group => group.Length <= 4);
        setupPage.QuerySelector(".qr-code svg").ShouldNotBeNull();
        setupPage.QuerySelector(".qr-code")!.GetAttribute("role").ShouldBe("img");
        var codeInput = setupPage.QuerySelector("input#code")!;
        codeInput.GetAttribute("autocomplete").ShouldBe("one-time-code");
        codeInput.GetAttribute("inputmode").ShouldBe("numeric");
        setupPage.QuerySelector("label[for=code]").ShouldNotBeNull();

        var code = Totp.Code(key.Replace(" ", "", StringComparison.Ordinal));
        var enabled = await client.PostFormAsync(Setup, new() { ["Code"] = $"{code[..3]} {code[3..]}" });

        enabled.Headers.Location!.OriginalString.ShouldBe(Codes);
        (await TwoFactorEnabledAsync(app)).ShouldBeTrue();
        var (shown, codesPage) = await client.GetPageAsync(Codes);
        shown.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var recoveryCodes = RecoveryCodesOn(codesPage);
        recoveryCodes.Count.ShouldBe(10);
        recoveryCodes.Distinct().Count().ShouldBe(10);
        recoveryCodes.ShouldAllBe(c => c.Length == 11 && c[5] == '-');
        codesPage.QuerySelector("[role=status]")!.TextContent.ShouldContain("La validation en deux étapes est activée.");
        codesPage.QuerySelector("button[data-print]").ShouldNotBeNull();

        var (_, later) = await client.GetPageAsync(Codes);
        RecoveryCodesOn(later).ShouldBeEmpty();
        later.QuerySelector("main")!.TextContent.ShouldContain("Il vous reste 10 codes de secours.");
        var (_, security) = await client.GetPageAsync("/mon-espace/securite");
        security.QuerySelector("main")!.TextContent.ShouldContain("Activée sur votre compte.");
        var (afterwards, _) = await client.GetPageAsync(Setup);
        afterwards.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var mail = Mailbox.Read(app.DataDirectory).ShouldHaveSingleItem();
        mail.To.ShouldBe(Email);
        mail.Subject.ShouldBe("Repères : validation en deux étapes activée");
        mail.Body.ShouldContain("La validation en deux étapes a été activée sur votre compte Repères le 24 novembre 2026 à 10:00");
        mail.Body.ShouldContain("http://localhost/mot-de-passe-oublie");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_WithTwoFactor_AsksForTheCodeRefusesAWrongOneAndKeepsTheReturnUrl(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (key, _) = await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();

        var password = await LogInWithReturnAsync(client, "/mon-espace/securite?fait=nom");

        password.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var codeStep = password.Headers.Location!.OriginalString;
        codeStep.ShouldBe("/connexion/code?ReturnUrl=%2Fmon-espace%2Fsecurite%3Ffait%3Dnom");
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "not signed in before the code");
        var (_, page) = await client.GetPageAsync(codeStep);
        page.QuerySelector("input[name='Input.Code']")!.GetAttribute("autocomplete").ShouldBe("one-time-code");
        page.QuerySelector("a[href^='/connexion/code-de-secours']")!.GetAttribute("href").ShouldBe("/connexion/code-de-secours?ReturnUrl=%2Fmon-espace%2Fsecurite%3Ffait%3Dnom");

        var wrong = await client.PostFormAsync(codeStep, new() { ["Input.Code"] = Totp.WrongCode(key), ["ReturnUrl"] = "/mon-espace/securite?fait=nom" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(wrong)).ShouldContain("Ce code n’est pas le bon.");
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.AccessFailedCount).SingleAsync())).ShouldBe(1);

        var code = Totp.Code(key);
        var right = await client.PostFormAsync(codeStep, new() { ["Input.Code"] = $" {code[..3]} {code[3..]} ", ["ReturnUrl"] = "/mon-espace/securite?fait=nom" });
        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        right.Headers.Location!.OriginalString.ShouldBe("/mon-espace/securite?fait=nom");
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.AccessFailedCount).SingleAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task Login_WithTwoFactor_FollowsOnlyLocalReturnUrls()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var (key, _) = await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();

        var password = await LogInWithReturnAsync(client, "https://ailleurs.example/piege");
        password.Headers.Location!.OriginalString.ShouldBe("/connexion/code");
        var forged = await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = Totp.Code(key), ["ReturnUrl"] = "//ailleurs.example/piege" });

        forged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        forged.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
    }

    [Fact]
    public async Task Login_FiveWrongCodes_LockTheAccountEvenForTheRightCode()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var (key, _) = await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();
        await client.LogInAsync(Email, DemoAccounts.Password);

        HttpResponseMessage last = null!;
        for (var i = 0; i < 5; i++)
        {
            last = await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = Totp.WrongCode(key) });
        }

        (await AlertAsync(last)).ShouldContain("le compte est bloqué pendant 15 minutes");
        var right = await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = Totp.Code(key) });
        right.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(right)).ShouldContain("le compte est bloqué pendant 15 minutes");
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Login_CodeNotSixDigits_IsRefusedWithoutCountingAsAGuess()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();
        await client.LogInAsync(Email, DemoAccounts.Password);

        var empty = await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = "" });
        var letters = await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = "12ab56" });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(empty)).ShouldContain("Indiquez le code à 6 chiffres");
        (await AlertAsync(letters)).ShouldContain("Le code compte 6 chiffres.");
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.AccessFailedCount).SingleAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Login_RecoveryCode_WorksOnceOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (_, recoveryCodes) = await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();
        await LogInWithReturnAsync(client, "/mon-espace/securite");

        var used = await client.PostFormAsync("/connexion/code-de-secours?ReturnUrl=%2Fmon-espace%2Fsecurite", new()
        {
            ["Input.Code"] = recoveryCodes[0].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal),
            ["ReturnUrl"] = "/mon-espace/securite",
        });

        used.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        used.Headers.Location!.OriginalString.ShouldBe("/mon-espace/securite");
        (await client.GetStringAsync("/mon-espace/securite")).ShouldContain("Il vous reste 9 codes de secours.");
        var mail = Mailbox.Read(app.DataDirectory).Single(m => m.Subject == "Repères : connexion avec un code de secours");
        mail.Body.ShouldContain("Il vous reste 9 codes de secours.");

        var other = app.CreateBrowserLikeClient();
        await other.LogInAsync(Email, DemoAccounts.Password);
        var reused = await other.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = recoveryCodes[0] });
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(reused)).ShouldContain("Ce code de secours n’est pas valable");
        (await other.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.AccessFailedCount).SingleAsync())).ShouldBe(1);

        var another = await other.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = recoveryCodes[1] });
        another.Headers.Location!.OriginalString.ShouldBe("/mon-espace");
    }

    [Fact]
    public async Task Login_RememberThisDevice_SkipsTheCodeNextTimeOnThisDeviceOnly()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var (key, _) = await EnableAsync(await SignedInAsync(app));
        var client = app.CreateBrowserLikeClient();
        await client.LogInAsync(Email, DemoAccounts.Password);
        (await client.PostFormAsync("/connexion/code", new() { ["Input.Code"] = Totp.Code(key), ["Input.RememberDevice"] = "true" }))
            .Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        await client.PostFormAsync("/deconnexion", []);

        (await client.LogInAsync(Email, DemoAccounts.Password)).Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        (await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password)).Headers.Location!.OriginalString.ShouldBe("/connexion/code");

        var forgotten = await client.PostFormAsync("/mon-espace/securite", [], "/mon-espace/securite?handler=ForgetDevice");
        forgotten.Headers.Location!.OriginalString.ShouldBe("/mon-espace/securite?fait=appareil-oublie");
        await client.PostFormAsync("/deconnexion", []);
        (await client.LogInAsync(Email, DemoAccounts.Password)).Headers.Location!.OriginalString.ShouldBe("/connexion/code");
    }

    [Fact]
    public async Task CodeStep_WithoutAPendingSignIn_AsksToStartAgain()
    {
        await using var app = new ReperesApp(Engines.Sqlite, demoData: false);
        var client = app.CreateBrowserLikeClient();

        var (response, page) = await client.GetPageAsync("/connexion/code?ReturnUrl=%2Fmon-espace%2Fsecurite");
        var (_, recovery) = await client.GetPageAsync("/connexion/code-de-secours");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelector("[role=alert]")!.TextContent.ShouldContain("saisissez à nouveau votre adresse et votre mot de passe");
        page.QuerySelector("main a.button")!.GetAttribute("href").ShouldBe("/connexion?ReturnUrl=%2Fmon-espace%2Fsecurite");
        page.QuerySelector("form[method=post]").ShouldBeNull();
        recovery.QuerySelector("[role=alert]").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Disable_NeedsThePassword_ThenSignsInWithThePasswordAlone(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await SignedInAsync(app);
        var (key, _) = await EnableAsync(client);

        var refused = await client.PostFormAsync("/mon-espace/securite/deux-etapes/desactiver", new() { ["Password"] = "pas le mot de passe" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(refused)).ShouldContain("Le mot de passe n’est pas le bon : rien n’a changé.");
        (await TwoFactorEnabledAsync(app)).ShouldBeTrue();

        var disabled = await client.PostFormAsync("/mon-espace/securite/deux-etapes/desactiver", new() { ["Password"] = DemoAccounts.Password });

        disabled.Headers.Location!.OriginalString.ShouldBe("/mon-espace/securite?fait=deux-etapes-desactivee");
        (await TwoFactorEnabledAsync(app)).ShouldBeFalse();
        (await client.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.OK, "this session goes on");
        (await app.CreateBrowserLikeClient().LogInAsync(Email, DemoAccounts.Password)).Headers.Location!.OriginalString.ShouldBe("/mon-espace");
        (await KeyOnSetupPageAsync(client)).ShouldNotBe(key, "turning it on again starts with a new key");
        Mailbox.Read(app.DataDirectory).Select(m => m.Subject).ShouldBe(["Repères : validation en deux étapes activée", "Repères : validation en deux étapes désactivée"]);
    }

    [Fact]
    public async Task RecoveryCodes_NewOnes_NeedTheCodeAndReplaceTheOldOnes()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await SignedInAsync(app);
        var (key, oldCodes) = await EnableAsync(client);

        var refused = await client.PostFormAsync(Codes, new() { ["Code"] = Totp.WrongCode(key) });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await AlertAsync(refused)).ShouldContain("Ce code n’est pas le bon.");

        var made = await client.PostFormAsync(Codes, new() { ["Code"] = Totp.Code(key) });
        made.Headers.Location!.OriginalString.ShouldBe(Codes);
        var (_, page) = await client.GetPageAsync(Codes);
        var newCodes = RecoveryCodesOn(page);
        newCodes.Count.ShouldBe(10);
        newCodes.ShouldNotContain(oldCodes[0]);

        var other = app.CreateBrowserLikeClient();
        await other.LogInAsync(Email, DemoAccounts.Password);
        (await other.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = oldCodes[0] })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await other.PostFormAsync("/connexion/code-de-secours", new() { ["Input.Code"] = newCodes[0] })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ResetKey_NeedsThePassword_TurnsTwoFactorOffUntilTheNewAppIsConfirmed()
    {
        await using var app = new ReperesApp(Engines.Sqlite);
        var client = await SignedInAsync(app);
        var (oldKey, _) = await EnableAsync(client);
        const string Reset = "/mon-espace/securite/deux-etapes/nouvelle-cle";

        (await client.PostFormAsync(Reset, new() { ["Password"] = "pas le mot de passe" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TwoFactorEnabledAsync(app)).ShouldBeTrue();

        var reset = await client.PostFormAsync(Reset, new() { ["Password"] = DemoAccounts.Password });
        reset.Headers.Location!.OriginalString.ShouldBe(Setup + "?nouvelle-cle=true");
        (await TwoFactorEnabledAsync(app)).ShouldBeFalse();
        var newKey = await KeyOnSetupPageAsync(client);
        newKey.ShouldNotBe(oldKey);

        (await client.PostFormAsync(Setup, new() { ["Code"] = Totp.Code(oldKey) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PostFormAsync(Setup, new() { ["Code"] = Totp.Code(newKey) })).Headers.Location!.OriginalString.ShouldBe(Codes);
        (await TwoFactorEnabledAsync(app)).ShouldBeTrue();
        Mailbox.Read(app.DataDirectory).Count(m => m.Body.Contains("La clé de l’application d’authentification", StringComparison.Ordinal)).ShouldBe(1);
    }
}
