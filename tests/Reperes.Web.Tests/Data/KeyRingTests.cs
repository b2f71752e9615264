using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core;
using Reperes.Web.Data;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Data;

/// <summary>The data-protection keys in the database: instances with their own data directories accept each other's cookies and forms.</summary>
public sealed class KeyRingTests
{
    private const string Coordinator = "coordination@demo.reperes.example";

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task TwoInstances_OwnDataDirectories_FormOfOneAcceptedByTheOtherAndSessionSharedBothWays(string engine)
    {
        await using var first = new ReperesApp(engine);
        var ownDirectory = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N"));
        await using var second = new ReperesApp(engine)
        {
            SharesDatabaseWith = first,
            Settings = engine == Engines.Sqlite
                ? new() { ["Reperes:DataDirectory"] = ownDirectory, ["ConnectionStrings:Reperes"] = $"Data Source={Path.Combine(first.DataDirectory, "reperes.db")}" }
                : new() { ["Reperes:DataDirectory"] = ownDirectory },
        };
        var cookies = new CookieContainer();
        var toFirst = first.CreateDefaultClient(new CookieContainerHandler(cookies));
        var toSecond = second.CreateDefaultClient(new CookieContainerHandler(cookies));

        // The sign-in form shown by the first instance, sent through a round-robin proxy to the second.
        var (_, form) = await toFirst.GetPageAsync("/connexion");
        var login = await toSecond.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Coordinator,
            ["Input.Password"] = Reperes.Web.Admin.Demo.DemoAccounts.Password,
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await toFirst.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await toSecond.GetAsync("/mon-espace")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.Exists(Path.Combine(ownDirectory, "keys")).ShouldBeFalse("no key on disk");
        (await first.WithDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Keys_WithACertificate_EncryptedAtRestAndStillRead(string engine)
    {
        var certificate = Path.Combine(Path.GetTempPath(), "reperes-tests", Guid.NewGuid().ToString("N") + ".pfx");
        Directory.CreateDirectory(Path.GetDirectoryName(certificate)!);
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=Repères key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            await File.WriteAllBytesAsync(certificate, created.Export(X509ContentType.Pfx, "secret"));
        }

        // Another clock than the templates': a database of its own, without the key a template may hold.
        await using var app = new ReperesApp(engine, demoData: false, now: ReperesApp.DefaultNow.AddMinutes(1))
        {
            Settings = { ["Reperes:DataProtection:CertificatePath"] = certificate, ["Reperes:DataProtection:CertificatePassword"] = "secret" },
        };
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var payload = protector.Protect("une fiche d’orientation");

        var xml = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).SingleAsync());
        xml.ShouldContain("encryptedSecret", Case.Sensitive, xml);
        xml.ShouldNotContain("<masterKey");
        protector.Unprotect(payload).ShouldBe("une fiche d’orientation");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ImportKeyFiles_KeysOfAnEarlierVersion_StillReadAfterTheUpgrade(string engine)
    {
        await using var app = new ReperesApp(engine);
        var keys = Path.Combine(app.DataDirectory, "keys");
        var before = DataProtectionProvider.Create(new DirectoryInfo(keys), b => b.SetApplicationName("Reperes")).CreateProtector("Reperes.Lists.DigestUnsubscribe");
        var mailedLink = before.Protect("list 12");

        var after = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Reperes.Lists.DigestUnsubscribe");

        after.Unprotect(mailedLink).ShouldBe("list 12");
        (await app.WithDbAsync(db => KeyRing.ImportKeyFilesAsync(db, keys, default))).ShouldBe(0, "imported once, at start-up");
    }

    [Fact]
    public void Certificate_MissingFile_RefusesToStartAndSaysWhy()
    {
        var refused = Should.Throw<StartupRefusedException>(() => KeyRing.Certificate(new KeyRingOptions { CertificatePath = "/nowhere/keys.pfx" }));

        refused.Message.ShouldContain("Reperes__DataProtection__CertificatePath: '/nowhere/keys.pfx' cannot be read");
        KeyRing.Certificate(new KeyRingOptions()).ShouldBeNull();
    }
}
