using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.SocialUtility.EvaluationForms;
using Workflow = Reperes.Web.Tests.Publishing.Publications.PublicationWorkflowTests;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>
/// Building frameworks through the pages: copied from the network template (mapped exactly), indicators versioned once
/// observed, input refused in words (400, nothing changed), another structure's framework out of reach (404).
/// </summary>
public sealed class FrameworkPagesTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task CreateFramework_FromTheTemplateThroughTheForm_EveryIndicatorMappedExactly(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(101));
        var coordinator = await Workflow.AsAsync(app, Coordinator);
        var (templateId, count, scale, _) = await TemplateAsync(app, coordinator);
        var manager = await Workflow.AsAsync(app, ManagerA);

        var home = WebUtility.HtmlDecode(await manager.GetStringAsync(HomeUrl(Ozanam)));
        home.ShouldContain("Copier le référentiel commun du réseau");
        var created = await PostAsync(manager, HomeUrl(Ozanam), "handler=framework", new() { ["Input.Title"] = "Nos ateliers numériques", ["Input.Project"] = "Ateliers seniors", ["Input.Start"] = "modele" });
        var frameworkId = IdOf(created);

        await app.WithDbAsync(async db =>
        {
            var structureId = await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync();
            var copy = await db.Frameworks.Include(f => f.Dimensions).ThenInclude(d => d.Criteria).ThenInclude(c => c.Indicators).AsSplitQuery().SingleAsync(f => f.Id == frameworkId);
            copy.StructureId.ShouldBe(structureId);
            copy.TemplateId.ShouldBe(templateId);
            copy.Project.ShouldBe("Ateliers seniors");
            var templateIndicators = await (from i in db.Indicators
                                            join c in db.FrameworkCriteria on i.CriterionId equals c.Id
                                            join d in db.FrameworkDimensions on c.DimensionId equals d.Id
                                            where d.FrameworkId == templateId && i.RetiredAt == null
                                            select new { i.Id, i.ValueType, i.ScaleLabels }).ToListAsync();
            var copied = copy.Dimensions.SelectMany(d => d.Criteria).SelectMany(c => c.Indicators).ToList();
            copied.Count.ShouldBe(templateIndicators.Count);
            copied.ShouldAllBe(i => i.Mapping == TemplateMapping.Exact && i.TemplateFactor == 1m && i.Version == 1);
            copied.Select(i => i.TemplateIndicatorId!.Value).Order().ShouldBe(templateIndicators.Select(t => t.Id).Order());
            foreach (var indicator in copied)
            {
                var source = templateIndicators.Single(t => t.Id == indicator.TemplateIndicatorId);
                indicator.ValueType.ShouldBe(source.ValueType);
                indicator.ScaleLabels.ShouldBe(source.ScaleLabels);
            }

            copied.Single(i => i.TemplateIndicatorId == scale).Definition.ScalePoints.ShouldBe(["Pas du tout", "Un peu", "Assez", "Tout à fait"]);
            copy.Dimensions.SelectMany(d => d.Criteria).ShouldAllBe(c => c.TemplateCriterionId != null);
            return 0;
        });

        // The builder says, for each indicator, what it is mapped to.
        var builder = WebUtility.HtmlDecode(await manager.GetStringAsync(FrameworkUrl(Ozanam, frameworkId)));
        builder.ShouldContain("identique à « Démarches faites seules » : ses chiffres s’additionnent tels quels.");
        builder.ShouldContain("Correspond au critère « Autonomie numérique » du référentiel commun.");

        // The copy is the structure's: changed to a convertible mapping, it keeps its link to the template's indicator.
        var copiedCount = await app.WithDbAsync(db => db.Indicators.Where(i => i.TemplateIndicatorId == count).Select(i => i.Id).SingleAsync());
        (await PostAsync(manager, FrameworkUrl(Ozanam, frameworkId), $"handler=changeIndicator&indicatorId={copiedCount}",
            Indicator("Démarches faites seules (par demi-journée)", templateIndicatorId: count, mapping: TemplateMapping.Convertible, factor: "0,5"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var changed = await app.WithDbAsync(db => db.Indicators.SingleAsync(i => i.Id == copiedCount));
        (changed.Mapping, changed.Factor, changed.Version).ShouldBe((TemplateMapping.Convertible, 0.5m, 1));
        WebUtility.HtmlDecode(await manager.GetStringAsync(FrameworkUrl(Ozanam, frameworkId))).ShouldContain("convertible en « Démarches faites seules » : une unité compte pour 0,5.");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task ChangeIndicator_ObservedThroughTheForm_MakesVersion2AndKeepsTheObservationsOnVersion1(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(102));
        var manager = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, criterionId, indicatorId) = await BlankFrameworkAsync(app, manager);
        var (_, periodId) = await ActionWithPeriodAsync(app, manager, frameworkId);
        var url = FrameworkUrl(Ozanam, frameworkId);

        // Not yet observed: it changes in place.
        (await PostAsync(manager, url, $"handler=changeIndicator&indicatorId={indicatorId}", Indicator("Personnes accueillies le matin"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Indicators.Where(i => i.CriterionId == criterionId).Select(i => new { i.Id, i.Name, i.Version }).ToListAsync()))
            .ShouldHaveSingleItem().ShouldBe(new { Id = indicatorId, Name = "Personnes accueillies le matin", Version = 1 });

        // Observed: a new version, the observation stays with version 1.
        var observationId = await app.WithDbAsync(async db =>
        {
            var userId = await db.Users.Where(u => u.Email == ManagerA).Select(u => u.Id).SingleAsync();
            var observation = Observation.Count(periodId, indicatorId, 42, null, new DateOnly(2026, 3, 1), "Gaëlle", userId, app.Clock.GetUtcNow());
            db.Observations.Add(observation);
            await db.SaveChangesAsync();
            return observation.Id;
        });
        WebUtility.HtmlDecode(await manager.GetStringAsync(url)).ShouldContain("1 observation(s) : le modifier crée une nouvelle version.");
        var changed = await PostAsync(manager, url, $"handler=changeIndicator&indicatorId={indicatorId}", Indicator("Personnes accueillies le matin", aggregation: IndicatorAggregation.Mean));
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        changed.Headers.Location!.OriginalString.ShouldContain("fait=version&version=2");

        var versions = await app.WithDbAsync(db => db.Indicators.Where(i => i.CriterionId == criterionId).OrderBy(i => i.Version).ToListAsync());
        versions.Count.ShouldBe(2);
        versions[0].Id.ShouldBe(indicatorId);
        versions[0].IsCurrent.ShouldBeFalse();
        versions[0].Aggregation.ShouldBe(IndicatorAggregation.Sum);
        versions[1].Version.ShouldBe(2);
        versions[1].IsCurrent.ShouldBeTrue();
        versions[1].Aggregation.ShouldBe(IndicatorAggregation.Mean);
        versions[1].SeriesKey.ShouldBe(versions[0].SeriesKey);
        (await app.WithDbAsync(db => db.Observations.Where(o => o.Id == observationId).Select(o => o.IndicatorId).SingleAsync())).ShouldBe(indicatorId);

        var page = WebUtility.HtmlDecode(await manager.GetStringAsync(changed.Headers.Location!.OriginalString));
        page.ShouldContain("une nouvelle version (version 2) a été créée. Les chiffres déjà recueillis restent avec la version 1");
        page.ShouldContain("Versions précédentes (1)");
        page.ShouldContain("Version 1, remplacée le");

        // Version 1 is kept: it can neither change nor be removed; version 2 has history, so it stays too.
        var before = await FingerprintAsync(app);
        (await PostAsync(manager, url, $"handler=changeIndicator&indicatorId={indicatorId}", Indicator("Autre nom"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var removeOld = await PostAsync(manager, url, $"handler=removeIndicator&indicatorId={indicatorId}", []);
        removeOld.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await removeOld.Content.ReadAsStringAsync()).ShouldContain("Cet indicateur a déjà plusieurs versions");
        (await PostAsync(manager, url, $"handler=removeIndicator&indicatorId={versions[1].Id}", [])).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FingerprintAsync(app)).ShouldBe(before);

        // An indicator never observed can be removed.
        (await PostAsync(manager, url, $"handler=addIndicator&criterionId={criterionId}", Indicator("Ajouté par erreur"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var mistake = await app.WithDbAsync(db => db.Indicators.Where(i => i.Name == "Ajouté par erreur").Select(i => i.Id).SingleAsync());
        (await PostAsync(manager, url, $"handler=removeIndicator&indicatorId={mistake}", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Indicators.AnyAsync(i => i.Id == mistake))).ShouldBeFalse();
    }

    public static TheoryData<string, string> InvalidIndicators()
    {
        var data = new TheoryData<string, string>();
        foreach (string engine in Engines.All)
        {
            data.Add(engine, "type");
            data.Add(engine, "texte");
            data.Add(engine, "facteur");
            data.Add(engine, "echelle-vide");
            data.Add(engine, "echelle-un-point");
            data.Add(engine, "modele");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidIndicators))]
    public async Task IndicatorForm_InvalidMappingOrScale_400InWordsAndNothingChanges(string engine, string fault)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(103));
        var coordinator = await Workflow.AsAsync(app, Coordinator);
        var (templateId, count, scale, text) = await TemplateAsync(app, coordinator);
        var manager = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, criterionId, indicatorId) = await BlankFrameworkAsync(app, manager);
        var templateCriterion = await app.WithDbAsync(db => db.Indicators.Where(i => i.Id == count).Select(i => i.CriterionId).SingleAsync());
        var (url, fields, expected) = fault switch
        {
            "type" => (FrameworkUrl(Ozanam, frameworkId), Indicator("Aisance", IndicatorValueType.Scale, "Non\nOui", count, TemplateMapping.Exact),
                "Une correspondance identique ou convertible demande le même type de valeur : « Démarches faites seules » est de type « Nombre », cet indicateur de type « Échelle »."),
            "texte" => (FrameworkUrl(Ozanam, frameworkId), Indicator("Ce qui a changé", IndicatorValueType.Text, templateIndicatorId: text, mapping: TemplateMapping.Exact),
                "Seuls les chiffres s’additionnent : un indicateur de type « Texte »"),
            "facteur" => (FrameworkUrl(Ozanam, frameworkId), Indicator("Demi-journées", templateIndicatorId: count, mapping: TemplateMapping.Convertible),
                "Une correspondance convertible demande un facteur supérieur à zéro"),
            "echelle-vide" => (FrameworkUrl(Ozanam, frameworkId), Indicator("Aisance", IndicatorValueType.Scale, "", scale, TemplateMapping.Exact),
                "Une échelle a au moins deux points"),
            "echelle-un-point" => (FrameworkUrl(Ozanam, frameworkId), Indicator("Aisance", IndicatorValueType.Scale, "Oui\n  \n"),
                "Une échelle a au moins deux points"),
            "modele" => (TemplateUrl, Indicator("Rattaché", templateIndicatorId: count, mapping: TemplateMapping.Exact),
                "Le référentiel commun n’est rattaché à aucun autre : il n’a pas de correspondance."),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        var client = url == TemplateUrl ? coordinator : manager;
        var before = await FingerprintAsync(app);

        var added = await PostAsync(client, url, $"handler=addIndicator&criterionId={(url == TemplateUrl ? templateCriterion : criterionId)}", fields);
        var changed = await PostAsync(client, url, $"handler=changeIndicator&indicatorId={(url == TemplateUrl ? count : indicatorId)}", new(fields));

        foreach (var response in new[] { added, changed })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            html.ShouldContain(expected);
            html.ShouldContain("La modification n’a pas été enregistrée");
            html.ShouldContain($"value=\"{fields["Input.Name"]}\"");
        }

        (await FingerprintAsync(app)).ShouldBe(before);
        templateId.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Builder_AnotherStructuresFramework_404AndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(104));
        var managerA = await Workflow.AsAsync(app, ManagerA);
        var (frameworkId, criterionId, indicatorId) = await BlankFrameworkAsync(app, managerA);
        var (actionId, periodId) = await ActionWithPeriodAsync(app, managerA, frameworkId);
        var managerB = await Workflow.AsAsync(app, ManagerB);
        var before = await FingerprintAsync(app);

        // B's manager, under B's own address, with A's ids.
        (await managerB.GetAsync(FrameworkUrl(Restos, frameworkId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await managerB.GetAsync(ActionUrl(Restos, actionId))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(managerB, HomeUrl(Restos), "handler=action", new() { ["Input.Title"] = "Détournée", ["Input.Framework"] = frameworkId.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var token = await TokenAsync(managerB, HomeUrl(Restos));
        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
        {
            ($"{FrameworkUrl(Restos, frameworkId)}?handler=rename", new() { ["Input.Title"] = "Piraté" }),
            ($"{FrameworkUrl(Restos, frameworkId)}?handler=changeIndicator&indicatorId={indicatorId}", Indicator("Piraté")),
            ($"{FrameworkUrl(Restos, frameworkId)}?handler=removeIndicator&indicatorId={indicatorId}", []),
            ($"{FrameworkUrl(Restos, frameworkId)}?handler=addIndicator&criterionId={criterionId}", Indicator("Piraté")),
            ($"{ActionUrl(Restos, actionId)}?handler=close&periodId={periodId}", []),
            ($"{ActionUrl(Restos, actionId)}?handler=openPeriod", new() { ["Input.Label"] = "Piratée", ["Input.StartsOn"] = "2027-01-01", ["Input.EndsOn"] = "2027-12-31" }),
        })
        {
            fields["__RequestVerificationToken"] = token;
            (await managerB.PostAsync(action, new FormUrlEncodedContent(fields))).StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        }

        (await FingerprintAsync(app)).ShouldBe(before);

        // B's own framework's builder, with a part of A's framework: 404 too.
        var own = IdOf(await PostAsync(managerB, HomeUrl(Restos), "handler=framework", new() { ["Input.Title"] = "Référentiel de B", ["Input.Start"] = "vide" }));
        before = await FingerprintAsync(app);
        (await PostAsync(managerB, FrameworkUrl(Restos, own), $"handler=changeIndicator&indicatorId={indicatorId}", Indicator("Piraté"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(managerB, FrameworkUrl(Restos, own), $"handler=addIndicator&criterionId={criterionId}", Indicator("Piraté"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FingerprintAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Pages_WithTheDemoEvaluation_ShowTheTemplatesUseTheObservedIndicatorsAndThePeriods(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(105)) { Settings = { ["Reperes:DemoEvaluation"] = "true" } };
        var (frameworkId, actionId, observedName) = await app.WithDbAsync(async db =>
        {
            var structureId = await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync();
            var action = await db.EvaluatedActions.SingleAsync(a => a.StructureId == structureId);
            var observed = await db.Indicators.Where(i => db.Observations.Any(o => o.IndicatorId == i.Id)).Where(i => db.FrameworkCriteria.Any(c => c.Id == i.CriterionId && db.FrameworkDimensions.Any(d => d.Id == c.DimensionId && d.FrameworkId == action.FrameworkId))).Select(i => i.Name).FirstAsync();
            return (action.FrameworkId, action.Id, observed);
        });

        var coordinator = await Workflow.AsAsync(app, Coordinator);
        var template = WebUtility.HtmlDecode(await coordinator.GetStringAsync(TemplateUrl));
        template.ShouldContain("Repris par 5 indicateur(s) de structures");
        template.ShouldNotContain("Correspondance au référentiel commun");

        var manager = await Workflow.AsAsync(app, ManagerA);
        var home = WebUtility.HtmlDecode(await manager.GetStringAsync(HomeUrl(Ozanam)));
        home.ShouldContain("copié du référentiel commun");
        home.ShouldContain("Validée");
        home.ShouldContain("Close, à valider");
        home.ShouldContain("Ouverte à la saisie");
        var (response, builder) = await manager.GetPageAsync(FrameworkUrl(Ozanam, frameworkId));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var observed = builder.QuerySelectorAll("li.result").Single(li => li.QuerySelector("h4")!.TextContent.StartsWith(observedName, StringComparison.Ordinal));
        observed.TextContent.ShouldContain("observation(s) : le modifier crée une nouvelle version.");
        observed.QuerySelector("button.danger-quiet").ShouldBeNull();
        (await manager.GetAsync(ActionUrl(Ozanam, actionId))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var (_, page) = await client.GetPageAsync(pageUrl);
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }
}
