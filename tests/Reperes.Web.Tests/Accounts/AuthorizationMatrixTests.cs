using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Orientation.Referrals;
using Reperes.Web.Tests.Core;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation.Referrals;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.Accounts;

/// <summary>
/// Every back-office route (found in the application’s endpoints, so that a new one cannot be forgotten), for every
/// role: who may open it, and that every form handler refuses the others with 403 or 404 and changes nothing. The
/// resources in the addresses belong to structure A (Ozanam); the manager of structure B (Restos du Cœur) is one
/// of the roles, so that no member of B ever writes to A.
/// </summary>
public sealed partial class AuthorizationMatrixTests
{
    private const string Anonymous = "anonymous";
    private const string Contributor = "contributor";
    private const string EditorA = "editor A";
    private const string ManagerA = "manager A";
    private const string ManagerB = "manager B";
    private const string Moderator = "moderator";
    private const string Coordinator = "coordinator";

    /// <summary>The network's translator: translations of any sheet or publication, nothing else.</summary>
    private const string Translator = "translator";

    /// <summary>A validated professional of a partner body (the CDAS); a colleague of the same body; one of another body; one awaiting validation.</summary>
    private const string Professional = "professional";
    private const string Colleague = "colleague";
    private const string OtherProfessional = "other professional";
    private const string PendingProfessional = "pending professional";

    private static readonly string[] Roles = [Anonymous, Contributor, EditorA, ManagerA, ManagerB, Moderator, Coordinator, Professional, Colleague, OtherProfessional, PendingProfessional, Translator];
    private static readonly string[] Everyone = [Contributor, EditorA, ManagerA, ManagerB, Moderator, Coordinator, Professional, Colleague, OtherProfessional, PendingProfessional, Translator];
    private static readonly string[] ManagersOfA = [ManagerA, Coordinator];
    private static readonly string[] MembersOfA = [EditorA, ManagerA, Coordinator];
    private static readonly string[] PublishersOfA = [EditorA, ManagerA, Moderator, Coordinator];

    /// <summary>Professionals: validated accounts of a body, structure members, the coordination (not a pending account, not a contributor alone).</summary>
    private static readonly string[] Professionals = [EditorA, ManagerA, ManagerB, Moderator, Coordinator, Professional, Colleague, OtherProfessional];

    /// <summary>The professional's list shared with their body: the owner and their colleague only.</summary>
    private static readonly string[] ListReaders = [Professional, Colleague];

    private static readonly Dictionary<string, string> Accounts = new()
    {
        [Contributor] = "contribution@demo.reperes.example",
        [EditorA] = "redaction.ozanam@demo.reperes.example",
        [ManagerA] = "gestion.ozanam@demo.reperes.example",
        [ManagerB] = "gestion.restos@demo.reperes.example",
        [Moderator] = "moderation@demo.reperes.example",
        [Coordinator] = "coordination@demo.reperes.example",
        [Professional] = "assistante.sociale@cdas.demo.reperes.example",
        [Colleague] = "educateur@cdas.demo.reperes.example",
        [OtherProfessional] = "infirmier@equipe-mobile.demo.reperes.example",
        [PendingProfessional] = "benevole@association.demo.reperes.example",
        [Translator] = "traduction@demo.reperes.example",
    };

    /// <summary>Who may open each back-office page (all its form handlers too, unless <see cref="HandlerRules"/> says otherwise).</summary>
    private static readonly Dictionary<string, string[]> PageRules = new()
    {
        ["mon-espace"] = Everyone,
        ["mon-espace/a-valider"] = Everyone,
        ["mon-espace/a-valider/{id:int}"] = [ManagerA, Moderator, Coordinator],
        ["mon-espace/publications"] = Everyone,
        // A professional without a structure or a network role has nothing to publish in.
        ["mon-espace/publications/nouvelle"] = [Contributor, EditorA, ManagerA, ManagerB, Moderator, Coordinator],
        ["mon-espace/securite"] = Everyone,
        ["mon-espace/securite/codes-de-secours"] = Everyone,
        ["mon-espace/securite/deux-etapes"] = Everyone,
        ["mon-espace/securite/deux-etapes/desactiver"] = Everyone,
        ["mon-espace/securite/deux-etapes/nouvelle-cle"] = Everyone,
        ["mon-espace/coordination/comptes"] = [Coordinator],
        ["mon-espace/coordination/professionnels"] = [Coordinator],
        ["mon-espace/professionnel"] = Everyone,
        ["mon-espace/coordination/comptes/{id}"] = [Coordinator],
        ["mon-espace/coordination/structures"] = [Coordinator],
        ["mon-espace/coordination/structures/nouvelle"] = [Coordinator],
        ["mon-espace/coordination/imports"] = [Coordinator],
        ["mon-espace/coordination/campagnes"] = [Coordinator],
        ["mon-espace/coordination/campagnes/nouvelle"] = [Coordinator],
        ["mon-espace/coordination/campagnes/{id:int}"] = [Coordinator],
        ["mon-espace/publications/{id:int}/modifier"] = PublishersOfA,
        ["mon-espace/publications/{id:int}/medias"] = PublishersOfA,
        ["mon-espace/ateliers/{id:int}"] = MembersOfA,
        ["mon-espace/structure/{slug}/ateliers"] = MembersOfA,
        ["mon-espace/structure/{slug}/quitter"] = [EditorA, ManagerA],
        ["mon-espace/structure/{slug}/historique"] = [EditorA, ManagerA, Moderator, Coordinator],
        ["mon-espace/structure/{slug}/statistiques"] = MembersOfA,
        ["mon-espace/structure/{slug}/equipe"] = ManagersOfA,
        ["mon-espace/structure/{slug}/modifier"] = ManagersOfA,
        ["mon-espace/structure/{slug}/fermetures"] = ManagersOfA,
        ["mon-espace/structure/{slug}/fermetures/{id:int}/retirer"] = ManagersOfA,
        ["mon-espace/structure/{slug}/services/{id}"] = ManagersOfA,
        ["mon-espace/structure/{slug}/services/{id:int}/retirer"] = ManagersOfA,
        ["mon-espace/structure/{slug}/historique/{revisionId:int}/retablir"] = ManagersOfA,
        ["mon-espace/signalements"] = Everyone,
        ["mon-espace/signalements/{id:int}"] = ManagersOfA,
        ["mon-espace/coordination/tableau-de-bord"] = [Coordinator],
        ["mon-espace/coordination/tableau-de-bord.csv"] = [Coordinator],
        ["mon-espace/coordination/tableau-de-bord/{slug}/decision"] = [Coordinator],
        ["mon-espace/listes"] = Professionals,
        ["mon-espace/listes/changements"] = Professionals,
        ["mon-espace/listes/{id:int}"] = ListReaders,
        ["mon-espace/listes/{id:int}/imprimer"] = ListReaders,
        ["mon-espace/adressages"] = Everyone,
        // Professionals only (validated accounts, structure members, the network's roles); the request of A's "Bagagerie"
        // sent by the professional: its sender and A's members only, the coordinator sees counts, never a request.
        ["mon-espace/adressages/nouveau/{serviceId:int}"] = [EditorA, ManagerA, ManagerB, Moderator, Coordinator, Professional, Colleague, OtherProfessional],
        ["mon-espace/adressages/{id:int}"] = [EditorA, ManagerA, Professional],
        ["mon-espace/adressages/{id:int}/document"] = [EditorA, ManagerA, Professional],
        ["mon-espace/coordination/adressages"] = [Coordinator],
        ["mon-espace/coordination/statistiques"] = [Coordinator],
        ["mon-espace/coordination/statistiques.csv"] = [Coordinator],
        ["mon-espace/coordination/statistiques/recherches-sans-reponse"] = [Coordinator],
        ["mon-espace/coordination/statistiques/rapport-annuel"] = [Coordinator],

        // Social utility: A's evaluation is read and recorded by its members and the coordinator, designed by its managers
        // and the coordinator; the network template and the territory by the coordinator.
        // (frameworks, actions and periods)
        ["mon-espace/structure/{slug}/utilite-sociale"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}"] = MembersOfA,
        ["mon-espace/coordination/utilite-sociale/referentiel-commun"] = [Coordinator],

        // (observations, testimonies, self-assessments)
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/periodes/{periodId:int}"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/periodes/{periodId:int}/temoignages"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/periodes/{periodId:int}/auto-evaluation"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/temoignages/{testimonyId:int}/enregistrement"] = MembersOfA,

        // (results and the territory)
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/resultats"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/resultats.{format}"] = MembersOfA,
        ["mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}/rapport"] = MembersOfA,
        ["mon-espace/coordination/utilite-sociale"] = [Coordinator],
        ["mon-espace/utilite-sociale/territoire"] = [EditorA, ManagerA, ManagerB, Coordinator],

        // Content translations: the network's translator and the coordinator anything, a structure's managers their own
        // structure's texts and publications (they write its French); editors, moderators and others nothing.
        ["mon-espace/traductions"] = [ManagerA, ManagerB, Coordinator, Translator],
        ["mon-espace/structure/{slug}/traductions"] = [ManagerA, Coordinator, Translator],
        ["mon-espace/publications/{id:int}/traductions"] = [ManagerA, Coordinator, Translator],
    };

    /// <summary>Form handlers narrower than their page: unpublishing a publication of A, featuring it on the home page.</summary>
    private static readonly Dictionary<(string Route, string Handler), string[]> HandlerRules = new()
    {
        [("mon-espace/publications/{id:int}/modifier", "Unpublish")] = [ManagerA, Moderator, Coordinator],
        [("mon-espace/publications/{id:int}/modifier", "Feature")] = [Coordinator],

        // A shared list is read-only for colleagues: only its owner changes it.
        [("mon-espace/listes/{id:int}", "Rename")] = [Professional],
        [("mon-espace/listes/{id:int}", "Note")] = [Professional],
        [("mon-espace/listes/{id:int}", "Remove")] = [Professional],
        [("mon-espace/listes/{id:int}", "Share")] = [Professional],
        [("mon-espace/listes/{id:int}", "Unshare")] = [Professional],
        [("mon-espace/listes/{id:int}", "Delete")] = [Professional],
        [("mon-espace/adressages/{id:int}", "Accept")] = [EditorA, ManagerA],
        [("mon-espace/adressages/{id:int}", "Refuse")] = [EditorA, ManagerA],
        [("mon-espace/adressages/{id:int}", "Contact")] = [EditorA, ManagerA],

        // Social utility (frameworks, actions and periods): members read, managers of A and the coordinator design.
        [("mon-espace/structure/{slug}/utilite-sociale", "Framework")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale", "Action")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "Rename")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "AddDimension")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "ChangeDimension")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "AddCriterion")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "ChangeCriterion")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "AddIndicator")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "ChangeIndicator")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/referentiels/{frameworkId:int}", "RemoveIndicator")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "Change")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "Services")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "OpenPeriod")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "Close")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "Reopen")] = ManagersOfA,
        [("mon-espace/structure/{slug}/utilite-sociale/actions/{actionId:int}", "Validate")] = ManagersOfA,
    };

    private sealed record Route(string Template, IReadOnlyList<string> Handlers);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task BackOffice_EveryRouteForEveryRole_OnlyThoseAllowedGetInAndRefusedWritesChangeNothing(string engine)
    {
        await using var app = new ReperesApp(engine);
        var routes = BackOfficeRoutes(app);
        routes.Select(r => r.Template).Where(t => !PageRules.ContainsKey(t)).ShouldBeEmpty("a back-office route without a rule in this matrix");
        PageRules.Keys.Where(k => routes.All(r => r.Template != k)).ShouldBeEmpty("a rule for a route that no longer exists");

        var values = await ArrangeAsync(app);
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.CreateBrowserLikeClient() };
        foreach (var (role, email) in Accounts)
        {
            clients[role] = await PublicationWorkflowTests.AsAsync(app, email);
        }

        var before = await FingerprintAsync(app);
        var failures = new List<string>();
        var checkedWrites = 0;
        foreach (var route in routes)
        {
            var url = UrlFor(route.Template, values);
            foreach (var role in Roles)
            {
                var allowed = role != Anonymous && PageRules[route.Template].Contains(role);
                var get = await clients[role].GetAsync(url);
                var outcome = Describe(get);
                failures.AddRange((await ContentSecurityTests.ProblemsAsync(get)).Select(problem => $"GET {url} as {role}: {problem}"));
                if (role == Anonymous ? outcome != "login" : allowed ? outcome is "login" or "refused" : outcome != "refused")
                {
                    failures.Add($"GET {url} as {role}: {outcome} ({(int)get.StatusCode})");
                }

                foreach (var handler in route.Handlers)
                {
                    var handlerAllowed = allowed && (!HandlerRules.TryGetValue((route.Template, handler), out var narrower) || narrower.Contains(role));
                    if (handlerAllowed)
                    {
                        continue;
                    }

                    var action = handler.Length == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";
                    var post = role == Anonymous
                        ? await clients[role].PostAsync(action, new FormUrlEncodedContent([]))
                        : await clients[role].PostFormAsync("/mon-espace", WriteAttempt(values), action);
                    var postOutcome = Describe(post);
                    checkedWrites++;
                    if (postOutcome != (role == Anonymous ? "login or refused" : "refused") && !(role == Anonymous && postOutcome is "login" or "refused"))
                    {
                        failures.Add($"POST {action} as {role}: {postOutcome} ({(int)post.StatusCode})");
                    }
                }
            }
        }

        failures.ShouldBeEmpty();
        checkedWrites.ShouldBeGreaterThan(100);
        (await FingerprintAsync(app)).ShouldBe(before, "a refused write changed something");
    }

    /// <summary>The address of a route with ids of A's resources (the same parameter name stands for different things).</summary>
    private static string UrlFor(string template, Dictionary<string, string> values)
    {
        var key = template switch
        {
            _ when template.Contains("ateliers/{id", StringComparison.Ordinal) => "workshop",
            _ when template.Contains("fermetures/{id", StringComparison.Ordinal) => "notice",
            _ when template.Contains("services/{id", StringComparison.Ordinal) => "service",
            _ when template.Contains("comptes/{id", StringComparison.Ordinal) => "account",
            _ when template.Contains("signalements/{id", StringComparison.Ordinal) => "report",
            _ when template.Contains("campagnes/{id", StringComparison.Ordinal) => "campaign",
            _ when template.Contains("listes/{id", StringComparison.Ordinal) => "list",
            _ when template.Contains("adressages/{id", StringComparison.Ordinal) => "referral",
            _ => "publication",
        };
        return "/" + RouteParameter().Replace(template, m => m.Groups[1].Value switch
        {
            "slug" => values["slug"],
            "revisionId:int" => "0",
            "serviceId:int" => values["referralService"],
            "frameworkId:int" => values["framework"],
            "actionId:int" => values["evaluatedAction"],
            "periodId:int" => values["period"],
            "testimonyId:int" => values["testimony"],
            "year:int" => "2026",
            "format" => "csv",
            _ => values[key],
        });
    }

    /// <summary>refused = 403 or 404; login = a redirect to the sign-in page; allowed = anything else that is not an error.</summary>
    private static string Describe(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden or HttpStatusCode.NotFound => "refused",
        HttpStatusCode.Redirect or HttpStatusCode.Found when response.Headers.Location?.OriginalString.Contains("/connexion", StringComparison.Ordinal) == true => "login",
        HttpStatusCode.InternalServerError => "error",
        _ => "allowed",
    };

    /// <summary>Fields a forged form would carry: ids of A's resources and plausible values.</summary>
    private static Dictionary<string, string> WriteAttempt(Dictionary<string, string> values) => new()
    {
        ["Input.Name"] = "Piratée",
        ["Input.Title"] = "Piraté",
        ["Input.Summary"] = "Piraté",
        ["Input.Body"] = "Piraté",
        ["Input.Structure"] = "halte-accueil-ozanam",
        ["Input.Kind"] = "Article",
        ["Email"] = "intrus@example.org",
        ["Role"] = "Manager",
        ["reason"] = "Refusé par un intrus",
        ["When"] = "maintenant",
        ["featured"] = "true",
        ["memberId"] = values["memberId"],
        ["membershipId"] = values["memberId"],
        ["attachmentId"] = "1",
        ["action"] = "publish",
        ["Title"] = "Atelier pirate",
        ["HeldOn"] = "2026-11-24",
        ["structureId"] = values["structureId"],
        ["method"] = "telephone",
        ["Input.Sections"] = "horaires",
        ["Input.StartsOn"] = "2026-11-24",
        ["Input.EndsOn"] = "2026-12-24",
        ["profileId"] = values["profile"],
        ["bodyId"] = values["body"],
        ["body"] = values["body"],
        ["name"] = "Organisme pirate",
        ["kind"] = "Other",
        ["domains"] = "pirate.example",
        ["Name"] = "Piratée",
        ["lieu"] = values["structureId"],
        ["note"] = "Piratée",
        ["avec"] = "organisme",
        ["liste"] = values["list"],
        ["resume"] = "true",
        ["mots"] = "piratee",
        ["categorie"] = "douche",
        ["Input.Subject"] = "0",
        ["Input.SubjectId"] = values["structureId"],
        ["Input.Field"] = "summary",
        ["Input.Text"] = "Piratée",
        ["Input.Review"] = "1",
    };

    private static async Task<Dictionary<string, string>> ArrangeAsync(ReperesApp app)
    {
        // A publication of A proposed by its editor, a workshop of A.
        var editor = await PublicationWorkflowTests.AsAsync(app, Accounts[EditorA]);
        var publicationId = await PublicationWorkflowTests.WriteAsync(editor, "propose", new() { ["Input.Title"] = "Proposée par A" });
        return await app.WithDbAsync(async db =>
        {
            var structure = await db.Structures.SingleAsync(s => s.Slug == "halte-accueil-ozanam");
            var editorAccount = await db.Users.SingleAsync(u => u.Email == Accounts[EditorA]);
            var workshop = new Reperes.Web.Publishing.Workshops.Workshop(structure.Id, "Atelier de A", new DateOnly(2026, 11, 24), editorAccount.Id, "Gaëlle", app.Clock.GetUtcNow());
            db.Workshops.Add(workshop);
            var serviceId = await db.Services.Where(s => s.StructureId == structure.Id).Select(s => s.Id).FirstAsync();
            var notice = new Notice(structure, null, NoticeKind.Message, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), "Fermé pour inventaire", null);
            db.Notices.Add(notice);
            var sender = await db.Users.Where(u => u.Email == Accounts[Professional]).Select(u => u.Id).SingleAsync();
            var bagagerie = await db.Services.SingleAsync(v => v.StructureId == structure.Id && v.Name == "Bagagerie");
            var (referral, _) = Referral.Send(
                new ReferralDraft([new("logement", "À la rue")], null, "Deux sacs", true, "Claire Le Gall", new DateOnly(2026, 11, 24), null, Accounts[Professional], "Claire Le Gall (CDAS)"),
                structure.Id, bagagerie.Id, bagagerie.Name, sender, app.Clock.GetUtcNow());
            var documents = app.Services.GetRequiredService<ReferralDocuments>();
            referral.AttachDocument(await documents.SaveAsync(new CheckedDocument(() => new MemoryStream(ReferralTests.Pdf), "application/pdf", ".pdf"), default), "application/pdf");
            db.Referrals.Add(referral);
            var report = new Reperes.Web.Freshness.Reports.SheetReport(structure.Id, Reperes.Web.Freshness.Reports.ReportSection.Hours, "Fermé le lundi", null, app.Clock.GetUtcNow());
            db.SheetReports.Add(report);
            await db.SaveChangesAsync();
            var coordinator = await db.Users.Where(u => u.Email == Accounts[Coordinator]).Select(u => u.Id).SingleAsync();
            var campaign = new Reperes.Web.Freshness.Campaign(
                "Fermetures d’été", "", Reperes.Web.Core.Structures.SheetSections.Notices, Reperes.Web.Freshness.CampaignScope.All, null, null,
                new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 31), coordinator, app.Clock.GetUtcNow());
            await Reperes.Web.Freshness.CampaignTargets.CreateAsync(db, campaign, default);
            var memberId = await db.Memberships.Where(m => m.StructureId == structure.Id).Select(m => m.Id).FirstAsync();
            var contributor = await db.Users.Where(u => u.Email == Accounts[Contributor]).Select(u => u.Id).SingleAsync();
            var pending = await db.ProfessionalProfiles.Where(p => p.Status == Reperes.Web.Core.Accounts.ProfessionalStatus.Pending).Select(p => p.Id).FirstAsync();
            var body = await db.PartnerBodies.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync();

            // The professional's list, with a place of A and a note, shared with the colleagues of their body.
            var professional = await db.Users.Where(u => u.Email == Accounts[Professional]).Select(u => u.Id).SingleAsync();
            var professionalBody = await db.ProfessionalProfiles.Where(p => p.UserId == professional).Select(p => p.BodyId!.Value).SingleAsync();
            var list = new Reperes.Web.Orientation.Lists.PlaceList(professional, "urgence hiver", app.Clock.GetUtcNow());
            list.Add(structure.Id, app.Clock.GetUtcNow());
            list.Items[0].Annotate("demander Anne");
            list.ShareWithBody(professionalBody, app.Clock.GetUtcNow());
            db.PlaceLists.Add(list);

            // A translation of A's summary, which refused writes must leave as it is.
            var summary = new Reperes.Web.Core.Translations.TranslatableText(structure.Id, Reperes.Web.Core.Translations.TranslationSubject.Structure, structure.Id, Reperes.Web.Core.Translations.TranslatableFields.Summary, structure.Summary);
            db.ContentTranslations.Add(Reperes.Web.Core.Translations.ContentTranslation.Draft(summary, "en", "Day centre", editorAccount.Id, "Léa", app.Clock.GetUtcNow()));
            await db.SaveChangesAsync();

            // A's evaluation: a framework, an action with an open period, an observation, a testimony.
            var at = app.Clock.GetUtcNow();
            var framework = new Reperes.Web.SocialUtility.Model.Framework(structure.Id, "Référentiel de A", null, null, at);
            var indicator = framework.AddDimension("Lien social", null, at).AddCriterion("Liens", "Des liens se créent-ils ?", null)
                .AddIndicator(new("Participants", Reperes.Web.SocialUtility.Model.IndicatorLevel.Output, Reperes.Web.SocialUtility.Model.IndicatorValueType.Count,
                    null, Reperes.Web.SocialUtility.Model.IndicatorAggregation.Sum, null, Reperes.Web.SocialUtility.Model.CollectionTool.Count, null,
                    Reperes.Web.SocialUtility.Model.TemplateMapping.None, null));
            db.Frameworks.Add(framework);
            await db.SaveChangesAsync();
            var evaluatedAction = new Reperes.Web.SocialUtility.Model.EvaluatedAction(structure.Id, framework.Id, "Accueil de jour", null, at);
            var period = evaluatedAction.OpenPeriod("2026", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
            db.EvaluatedActions.Add(evaluatedAction);
            await db.SaveChangesAsync();
            db.Observations.Add(Reperes.Web.SocialUtility.Model.Observation.Count(period.Id, indicator.Id, 40, null, new DateOnly(2026, 11, 2), "Gaëlle", editorAccount.Id, at));
            var testimony = new Reperes.Web.SocialUtility.Model.Testimony(structure.Id, evaluatedAction.Id, period.Id, "Yann", "Ici on me parle", Reperes.Web.SocialUtility.Model.TestimonyConsent.Internal,
                new DateOnly(2028, 11, 1), new DateOnly(2026, 11, 2), "Gaëlle", editorAccount.Id, at);
            var recording = new Reperes.Web.SocialUtility.CheckedRecording(() => new MemoryStream(Reperes.Web.Tests.SocialUtility.EntryTests.Wav()), "audio/wav", ".wav");
            testimony.AttachRecording(await app.Services.GetRequiredService<Reperes.Web.SocialUtility.TestimonyRecordings>().SaveAsync(recording, default), "audio/wav");
            db.Testimonies.Add(testimony);
            await db.SaveChangesAsync();
            return new Dictionary<string, string>
            {
                ["framework"] = framework.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["evaluatedAction"] = evaluatedAction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["period"] = period.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["testimony"] = testimony.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["slug"] = structure.Slug,
                ["publication"] = publicationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["account"] = contributor,
                ["workshop"] = workshop.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["service"] = serviceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["notice"] = notice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["memberId"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["report"] = report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["structureId"] = structure.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["campaign"] = campaign.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["referral"] = referral.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["referralService"] = bagagerie.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["profile"] = pending.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["body"] = body.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["list"] = list.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        });
    }

    /// <summary>Everything a back-office write could change, as one comparable text.</summary>
    private static Task<string> FingerprintAsync(ReperesApp app) => app.WithDbAsync(async db => JsonSerializer.Serialize(new
    {
        Publications = await db.Publications.OrderBy(p => p.Id).Select(p => new { p.Id, p.Status, p.Title, p.Body, p.Featured, p.UpdatedAt }).ToListAsync(),
        Attachments = await db.Attachments.CountAsync(),
        Workshops = await db.Workshops.OrderBy(w => w.Id).Select(w => new { w.Id, w.Title, w.ClosedAt }).ToListAsync(),
        Memberships = await db.Memberships.OrderBy(m => m.Id).Select(m => new { m.Id, m.UserId, m.StructureId, m.Role, m.CanPublish }).ToListAsync(),
        Invitations = await db.Invitations.CountAsync(),
        Structures = await db.Structures.OrderBy(s => s.Id).Select(s => new { s.Id, s.Name, s.Summary, s.Status, s.UpdatedAt }).ToListAsync(),
        Services = await db.Services.OrderBy(s => s.Id).Select(s => new { s.Id, s.Name, s.StructureId }).ToListAsync(),
        Notices = await db.Notices.OrderBy(n => n.Id).Select(n => new { n.Id, n.Text }).ToListAsync(),
        Revisions = await db.SheetRevisions.CountAsync(),
        Roles = await db.UserRoles.OrderBy(r => r.UserId).ThenBy(r => r.RoleId).Select(r => r.UserId + r.RoleId).ToListAsync(),
        Users = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.DisplayName, u.LockoutEnd, u.TwoFactorEnabled, u.PasswordHash }).ToListAsync(),
        Scopes = await db.ModeratorScopes.CountAsync(),
        PartnerBodies = await db.PartnerBodies.OrderBy(b => b.Id).Select(b => new { b.Id, b.Name, b.EmailDomains }).ToListAsync(),
        Professionals = await db.ProfessionalProfiles.OrderBy(p => p.Id).Select(p => new { p.Id, p.Status, p.BodyId }).ToListAsync(),
        Unverified = await db.Structures.CountAsync(s => s.UnverifiedSince != null),
        Reports = await db.SheetReports.OrderBy(r => r.Id).Select(r => new { r.Id, r.Status, r.ResolutionNote }).ToListAsync(),
        Campaigns = await db.Campaigns.CountAsync(),
        CampaignStructures = await db.CampaignStructures.OrderBy(t => t.Id).Select(t => new { t.Id, t.Progress, t.SentAt }).ToListAsync(),
        UpdateLinks = await db.UpdateLinks.CountAsync(),
        Verifications = await db.Verifications.CountAsync(),
        PlaceLists = await db.PlaceLists.OrderBy(l => l.Id).Select(l => new { l.Id, l.OwnerId, l.Name, l.Sharing, l.SharedBodyId, l.SharedStructureId, l.UpdatedAt }).ToListAsync(),
        PlaceListItems = await db.PlaceListItems.OrderBy(i => i.Id).Select(i => new { i.Id, i.ListId, i.StructureId, i.Note }).ToListAsync(),

        // Opening the changes page records when it was seen (not a write of the person's choices): the digest choices only.
        DigestSubscribers = await db.ListWatches.Where(w => w.Digest).OrderBy(w => w.UserId).Select(w => w.UserId).ToListAsync(),
        ListDigests = await db.ListDigests.CountAsync(),
        Synonyms = await db.Categories.OrderBy(c => c.Id).Select(c => c.Synonyms).ToListAsync(),
        Referrals = await db.Referrals.OrderBy(r => r.Id).Select(r => new { r.Id, r.State, r.AnswerText, r.DecidedAt, r.Version, r.ErasedAt, r.DocumentFile }).ToListAsync(),
        Frameworks = await db.Frameworks.OrderBy(f => f.Id).Select(f => new { f.Id, f.Title, f.UpdatedAt }).ToListAsync(),
        Dimensions = await db.FrameworkDimensions.OrderBy(d => d.Id).Select(d => new { d.Id, d.Name }).ToListAsync(),
        Criteria = await db.FrameworkCriteria.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Question, c.TemplateCriterionId }).ToListAsync(),
        Indicators = await db.Indicators.OrderBy(i => i.Id).Select(i => new { i.Id, i.Name, i.Version, i.RetiredAt, i.Mapping }).ToListAsync(),
        EvaluatedActions = await db.EvaluatedActions.OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, Services = a.Services.Count }).ToListAsync(),
        ActionPeriods = await db.ActionPeriods.OrderBy(p => p.Id).Select(p => new { p.Id, p.Status, p.Label }).ToListAsync(),
        Observations = await db.Observations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Value, o.Text }).ToListAsync(),
        Testimonies = await db.Testimonies.OrderBy(t => t.Id).Select(t => new { t.Id, t.Text, t.Consent, t.RecordingName }).ToListAsync(),
        Codings = await db.TestimonyCodings.CountAsync(),
        SelfAssessments = await db.SelfAssessments.CountAsync(),
        TerritoryResults = await db.TerritoryResults.OrderBy(r => r.Id).Select(r => new { r.Id, r.PublishedAt, r.ComputedAt }).ToListAsync(),
        Translations = await db.ContentTranslations.OrderBy(t => t.Id).Select(t => new { t.Id, t.Text, t.Status, t.IsMachine, t.OutdatedSince, t.ReviewedAt }).ToListAsync(),
    }));

    /// <summary>The back-office pages (under /mon-espace) and their form handlers, read from the running application.</summary>
    private static List<Route> BackOfficeRoutes(ReperesApp app)
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var assembly = typeof(ReperesDbContext).Assembly;
        var routes = new List<Route>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var template = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (!template.StartsWith("mon-espace", StringComparison.Ordinal) || endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }

            var source = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "Reperes.Web", page.RelativePath.TrimStart('/')));
            var modelName = ModelDirective().Match(source).Groups[1].Value.Split('.').Last();
            var model = assembly.GetTypes().Single(t => t.Name == modelName && typeof(PageModel).IsAssignableFrom(t));
            var handlers = model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => PostHandler().Match(m.Name))
                .Where(m => m.Success)
                .Select(m => m.Groups[1].Value)
                .Distinct()
                .ToList();
            routes.Add(new Route(template, handlers));
        }

        return routes;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "Reperes.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^@model\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ModelDirective();

    [GeneratedRegex(@"^OnPost(\w*?)(?:Async)?$")]
    private static partial Regex PostHandler();
}
