using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Reperes.Web.Admin.Demo;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>Co-publication from the invitation of a structure's first manager to an article a visitor reads.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CoPublicationBrowserTests(BrowserFixture browser)
{
    private const string Structure = "adil-finistere-brest";
    private const string StructureName = "ADIL du Finistère – permanence de Brest";

    private static async Task LogInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
    }

    private async Task<string> InvitationLinkAsync(string email)
    {
        for (var i = 0; i < 50; i++)
        {
            if (Mailbox.To(browser.App, email).LastOrDefault() is { } mail)
            {
                return mail.FirstLink;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("No e-mail to " + email);
    }

    private static async Task AcceptInvitationAsync(IPage page, string link, string name)
    {
        await page.GotoAsync(link);
        await page.GetByLabel("Votre nom ou prénom (visible par l’équipe)").FillAsync(name);
        await page.GetByLabel("Nouveau mot de passe (10 caractères au moins)").FillAsync("un mot de passe bien long");
        await page.GetByLabel("Le même, pour confirmer").FillAsync("un mot de passe bien long");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte et rejoindre l’équipe" }).ClickAsync();
    }

    private static async Task InviteAsync(IPage page, string email, string role)
    {
        await page.GotoAsync($"/mon-espace/structure/{Structure}/equipe");
        await page.GetByLabel("Adresse électronique", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = role });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l’invitation" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync(email);
    }

    [BrowserFact]
    public async Task WholeFlow_CoordinatorInvitesManager_EditorsArticleWithPhotoPublishedAndSeenByVisitors()
    {
        // The coordinator invites the structure's first manager.
        var coordinator = await browser.NewPageAsync();
        await LogInAsync(coordinator, "coordination@demo.reperes.example", DemoAccounts.Password);
        await InviteAsync(coordinator, "direction.adil@example.org", "Manager");

        // The manager accepts, edits the sheet and invites an editor.
        var manager = await browser.NewPageAsync();
        await AcceptInvitationAsync(manager, await InvitationLinkAsync("direction.adil@example.org"), "Annaïg (ADIL)");
        await manager.GotoAsync("/mon-espace");
        await manager.GetByRole(AriaRole.Listitem).Filter(new() { HasText = StructureName }).GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        await manager.GetByLabel("Ce que fait la structure, en une phrase").FillAsync("Conseils gratuits sur le logement : bail, loyer, expulsion.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Assertions.Expect(manager.GetByText("Conseils gratuits sur le logement : bail, loyer, expulsion.")).ToBeVisibleAsync();
        await InviteAsync(manager, "benevole.adil@example.org", "Editor");

        // The editor writes an article with a photo and proposes it.
        var editor = await browser.NewPageAsync();
        await AcceptInvitationAsync(editor, await InvitationLinkAsync("benevole.adil@example.org"), "Yann (ADIL)");
        await editor.GotoAsync("/mon-espace");
        await editor.GetByRole(AriaRole.Listitem).Filter(new() { HasText = StructureName }).GetByRole(AriaRole.Link, new() { Name = "Écrire une publication" }).ClickAsync();
        await editor.GetByLabel("Titre", new() { Exact = true }).FillAsync("Permanence logement du samedi");
        await editor.GetByLabel("Texte", new() { Exact = true }).FillAsync("Nous vous recevons **sans rendez-vous** le samedi matin.");
        await Assertions.Expect(editor.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true })).ToHaveCountAsync(0);
        await editor.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "Ajouter ou retirer des fichiers" }).ClickAsync();
        await editor.GetByLabel("Photo, son, vidéo ou document").SetInputFilesAsync(SamplePath("jpeg/phone-rotated-gps.jpg"));
        await editor.GetByLabel("Pour une photo : ce qu’elle montre (obligatoire)").FillAsync("L’accueil de la permanence");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Envoyer le fichier" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status).Filter(new() { HasText = "Le fichier est ajouté." })).ToBeVisibleAsync();
        await editor.GetByRole(AriaRole.Link, new() { Name = "Retour à la publication" }).ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Proposer à la publication" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("C’est proposé");

        // Not visible yet.
        var visitor = await browser.NewPageAsync();
        await visitor.GotoAsync($"/structure/{Structure}");
        await Assertions.Expect(visitor.GetByText("Permanence logement du samedi")).ToHaveCountAsync(0);

        // The manager finds it waiting, and publishes it.
        await manager.GotoAsync("/mon-espace");
        await manager.GetByRole(AriaRole.Link, new() { NameRegex = AwaitingRegex() }).ClickAsync();
        await manager.GetByRole(AriaRole.Link, new() { Name = "Permanence logement du samedi", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Locator(".review article strong")).ToHaveTextAsync("sans rendez-vous");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Publier maintenant" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("C’est publié");

        // A visitor sees it on the sheet and on the home page, with its photo described.
        await visitor.GotoAsync($"/structure/{Structure}");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Permanence logement du samedi" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Permanence logement du samedi", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Img, new() { Name = "L’accueil de la permanence" })).ToBeVisibleAsync();
        await Assertions.Expect(visitor.Locator("article strong")).ToHaveTextAsync("sans rendez-vous");
        await visitor.GotoAsync("/");
        await Assertions.Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Permanence logement du samedi" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(visitor)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task Workshop_FacilitatorEntersParticipantsText_ProposedUnderPseudonym()
    {
        var facilitator = await browser.NewPageAsync();
        await LogInAsync(facilitator, "redaction.ozanam@demo.reperes.example", DemoAccounts.Password);
        await facilitator.GetByRole(AriaRole.Link, new() { Name = "Ateliers d’écriture" }).First.ClickAsync();
        await facilitator.GetByLabel("Nom de l’atelier").FillAsync("Atelier d’écriture du mardi");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Ouvrir l’atelier" }).ClickAsync();

        await facilitator.GetByLabel("Prénom ou pseudonyme choisi par la personne").FillAsync("Loulou");
        await facilitator.GetByLabel("Titre", new() { Exact = true }).FillAsync("Ma première nuit au chaud");
        await facilitator.GetByLabel("Texte", new() { Exact = true }).FillAsync("Je voulais raconter cette soirée.");
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et proposer à la validation" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Alert)).ToContainTextAsync("accord");

        await facilitator.GetByLabel("La personne accepte que son texte soit publié sur Repères sous ce prénom ou pseudonyme.").CheckAsync();
        await facilitator.GetByRole(AriaRole.Button, new() { Name = "Enregistrer et proposer à la validation" }).ClickAsync();
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Status)).ToContainTextAsync("proposé à la validation");
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Ma première nuit au chaud" })).ToContainTextAsync("Loulou");
        (await BrowserFixture.AccessibilityViolationsAsync(facilitator)).ShouldBeEmpty();
    }

    [BrowserFact]
    public async Task BackOffice_PublicationPages_HaveNoSeriousAccessibilityViolation()
    {
        var manager = await browser.NewPageAsync();
        await LogInAsync(manager, "gestion.ozanam@demo.reperes.example", DemoAccounts.Password);
        await manager.GotoAsync("/mon-espace/publications/nouvelle?type=evenement&structure=halte-accueil-ozanam");
        await manager.GetByLabel("Titre", new() { Exact = true }).FillAsync("Portes ouvertes");
        await manager.GetByLabel("Texte", new() { Exact = true }).FillAsync("Venez nous voir.");
        await manager.GetByLabel("Date de début").FillAsync("2026-12-10");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Aperçu" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Aperçu (rien n’est encore enregistré)" })).ToBeVisibleAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(manager)).ShouldBeEmpty(manager.Url);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        var edit = manager.Url;
        foreach (var url in new[] { edit, edit.Replace("/modifier", "/medias", StringComparison.Ordinal), "/mon-espace/publications", "/mon-espace/a-valider", "/mon-espace", "/mon-espace/structure/halte-accueil-ozanam/ateliers", "/publications" })
        {
            await manager.GotoAsync(url);
            (await BrowserFixture.AccessibilityViolationsAsync(manager)).ShouldBeEmpty(url);
        }
    }

    [BrowserFact]
    public async Task OpenDataPages_AgendaWidgetEmbedPublicationsApi_HaveNoSeriousAccessibilityViolation()
    {
        var visitor = await browser.NewPageAsync();
        foreach (var url in new[] { "/agenda", "/widget?need=se-nourrir&commune=Brest", "/integrer?need=se-nourrir", "/publications", "/publications?type=evenement", "/api" })
        {
            await visitor.GotoAsync(url);
            (await BrowserFixture.AccessibilityViolationsAsync(visitor)).ShouldBeEmpty(url);
        }

        await visitor.GotoAsync("/publications");
        await visitor.Locator("ul.cards h2 a").First.ClickAsync();
        (await BrowserFixture.AccessibilityViolationsAsync(visitor)).ShouldBeEmpty(visitor.Url);
    }

    private static string SamplePath(string path)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory.FullName, "tests", "Reperes.Media.Tests", "Samples", path);
    }

    [GeneratedRegex("^À valider")]
    private static partial Regex AwaitingRegex();
}
