using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Browser;

/// <summary>
/// On a 390-pixel phone: the coordinator gives the network template a value, a criterion and an indicator; a manager
/// of a structure copies it into their own framework, creates an action linked to one of their services and opens a
/// period, then closes it. No page wider than the screen; axe-core finds no serious or critical violation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialUtilityFrameworksBrowserTests(BrowserFixture browser)
{
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [BrowserFact]
    public async Task Frameworks_ManagerOnAPhone_CopiesTheTemplateCreatesAnActionAndOpensAPeriod()
    {
        var coordinator = await SignedInAsync("coordination@demo.reperes.example");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Utilité sociale : le référentiel commun du réseau" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Référentiel commun du réseau", Level = 1 })).ToBeVisibleAsync();
        if (await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer le référentiel commun" }).IsVisibleAsync())
        {
            await FitsAsync(coordinator);
            await coordinator.GetByRole(AriaRole.Button, new() { Name = "Créer le référentiel commun" }).ClickAsync();
        }

        await OpenAsync(coordinator, "Ajouter une valeur");
        await coordinator.GetByLabel("Nom de la valeur").Last.FillAsync("Participation citoyenne");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Ajouter la valeur" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Valeur enregistrée.");
        await OpenAsync(coordinator, "Ajouter un critère à la valeur « Participation citoyenne »");
        var criterionForm = coordinator.Locator("details", new() { Has = coordinator.Locator("summary", new() { HasText = "Ajouter un critère à la valeur « Participation citoyenne »" }) });
        await criterionForm.GetByLabel("Nom du critère").FillAsync("Prise de parole");
        await criterionForm.GetByLabel("Question évaluative").FillAsync("Les participants prennent-ils la parole en réunion ?");
        await criterionForm.GetByRole(AriaRole.Button, new() { Name = "Ajouter le critère" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Critère enregistré.");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Ajouter un indicateur au critère « Prise de parole »" }).ClickAsync();
        var indicatorForm = coordinator.Locator("details", new() { Has = coordinator.Locator("summary", new() { HasText = "Ajouter un indicateur au critère « Prise de parole »" }) });
        await indicatorForm.GetByLabel("Nom de l’indicateur").FillAsync("Personnes ayant pris la parole");
        await indicatorForm.GetByLabel("Type de valeur").SelectOptionAsync(new SelectOptionValue { Label = "Nombre" });
        await FitsAsync(coordinator);
        await indicatorForm.GetByRole(AriaRole.Button, new() { Name = "Ajouter l’indicateur" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Indicateur enregistré.");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "Personnes ayant pris la parole" })).ToBeVisibleAsync();
        await FitsAsync(coordinator);

        var manager = await SignedInAsync("gestion.ozanam@demo.reperes.example");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Utilité sociale : référentiels, actions, évaluation" }).First.ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "La méthode en quelques mots" })).ToBeVisibleAsync();
        await FitsAsync(manager);
        await OpenAsync(manager, "Créer un référentiel");
        await manager.GetByLabel("Titre", new() { Exact = true }).FillAsync("Nos ateliers du jeudi");
        await manager.GetByLabel("Copier le référentiel commun du réseau").CheckAsync();
        await manager.GetByRole(AriaRole.Button, new() { Name = "Créer le référentiel" }).ClickAsync();

        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Référentiel « Nos ateliers du jeudi »", Level = 1 })).ToBeVisibleAsync();
        var copied = manager.GetByRole(AriaRole.Listitem).Filter(new() { Has = manager.GetByRole(AriaRole.Heading, new() { Name = "Personnes ayant pris la parole" }) });
        await Assertions.Expect(copied).ToContainTextAsync("identique à « Personnes ayant pris la parole » : ses chiffres s’additionnent tels quels.");
        await FitsAsync(manager);
        await copied.GetByRole(AriaRole.Link, new() { Name = "Modifier l’indicateur" }).ClickAsync();
        await Assertions.Expect(copied.GetByLabel("Indicateur du référentiel commun")).ToBeVisibleAsync();
        await FitsAsync(manager);

        await manager.GetByRole(AriaRole.Link, new() { Name = "Utilité sociale de" }).ClickAsync();
        await OpenAsync(manager, "Créer une action à évaluer");
        await manager.GetByLabel("Titre de l’action").FillAsync("Café-débat du jeudi");
        await manager.GetByLabel("Référentiel", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Nos ateliers du jeudi" });
        var service = await browser.App.WithDbAsync(db => db.Services.Where(s => s.Structure.Slug == "halte-accueil-ozanam").OrderBy(s => s.Name).Select(s => s.Name).FirstAsync());
        await manager.Locator("#nouvelle-action").GetByLabel(service, new() { Exact = true }).CheckAsync();
        await FitsAsync(manager);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Créer l’action" }).ClickAsync();

        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Café-débat du jeudi", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToHaveTextAsync("Action enregistrée.");
        await Assertions.Expect(manager.Locator("#services + ul")).ToContainTextAsync(service);
        await manager.GetByLabel("Nom de la période").FillAsync("2026");
        await manager.GetByLabel("Début", new() { Exact = true }).FillAsync("2026-01-01");
        await manager.GetByLabel("Fin", new() { Exact = true }).FillAsync("2026-12-31");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Ouvrir la période" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Période ouverte");
        var period = manager.Locator("li.result", new() { Has = manager.GetByRole(AriaRole.Heading, new() { Name = "2026" }) });
        await Assertions.Expect(period).ToContainTextAsync("Ouverte à la saisie");
        await Assertions.Expect(period.GetByRole(AriaRole.Link, new() { Name = "Saisir les observations de « 2026 »" })).ToBeVisibleAsync();
        await FitsAsync(manager);

        await period.GetByRole(AriaRole.Button, new() { Name = "Clore « 2026 » (fin de la saisie)" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Période close");
        await Assertions.Expect(period).ToContainTextAsync("Close, à valider");
        await FitsAsync(manager);
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await browser.NewPageAsync(viewport: Phone);
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(Reperes.Web.Admin.Demo.DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mon espace", Level = 1 })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens a folded form (a details element) by its summary, unless it is open already.</summary>
    private static async Task OpenAsync(IPage page, string summary)
    {
        var details = page.Locator("details", new() { Has = page.Locator("summary", new() { HasText = summary }) }).Last;
        if (await details.GetAttributeAsync("open") is null)
        {
            await details.Locator("summary").First.ClickAsync();
        }
    }

    /// <summary>The page is never wider than the phone, and axe-core finds nothing serious.</summary>
    private static async Task FitsAsync(IPage page)
    {
        (await page.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, page.Url);
        (await BrowserFixture.AccessibilityViolationsAsync(page)).ShouldBeEmpty(page.Url);
    }
}
