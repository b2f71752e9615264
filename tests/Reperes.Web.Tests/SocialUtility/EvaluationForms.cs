using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>The social-utility forms posted as a person would (with the page's antiforgery token), and what they answer.</summary>
public static class EvaluationForms
{
    public const string Ozanam = "halte-accueil-ozanam";
    public const string Restos = "restos-du-coeur-brest";
    public const string ManagerA = "gestion.ozanam@demo.reperes.example";
    public const string EditorA = "redaction.ozanam@demo.reperes.example";
    public const string ManagerB = "gestion.restos@demo.reperes.example";
    public const string Coordinator = "coordination@demo.reperes.example";
    public const string TemplateUrl = "/mon-espace/coordination/utilite-sociale/referentiel-commun";

    public static string HomeUrl(string slug) => $"/mon-espace/structure/{slug}/utilite-sociale";

    public static string FrameworkUrl(string slug, int frameworkId) => $"{HomeUrl(slug)}/referentiels/{frameworkId}";

    public static string ActionUrl(string slug, int actionId) => $"{HomeUrl(slug)}/actions/{actionId}";

    /// <summary>Posts a form of a page to one of its handlers (query included), the token taken from the page.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string handlerQuery, Dictionary<string, string> fields) =>
        client.PostFormAsync(pageUrl, fields, $"{pageUrl}?{handlerQuery}");

    /// <summary>An indicator's fields as the form sends them.</summary>
    public static Dictionary<string, string> Indicator(
        string name, IndicatorValueType type = IndicatorValueType.Count, string scale = "", int? templateIndicatorId = null,
        TemplateMapping mapping = TemplateMapping.None, string factor = "", IndicatorAggregation aggregation = IndicatorAggregation.Sum) => new()
        {
            ["Input.Name"] = name,
            ["Input.Level"] = nameof(IndicatorLevel.Result),
            ["Input.ValueType"] = type.ToString(),
            ["Input.Unit"] = "personnes",
            ["Input.Aggregation"] = aggregation.ToString(),
            ["Input.ScaleLabels"] = scale,
            ["Input.Tool"] = nameof(CollectionTool.Questionnaire),
            ["Input.TemplateIndicator"] = templateIndicatorId?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Input.Mapping"] = mapping.ToString(),
            ["Input.Factor"] = factor,
        };

    /// <summary>The id at the end of a redirect's path (…/referentiels/12?fait=… → 12).</summary>
    public static int IdOf(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var path = response.Headers.Location!.OriginalString.Split('?')[0];
        return int.Parse(path[(path.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The network template with, whatever it held before (demo data may bring one), a value "Pouvoir d’agir", a
    /// criterion and three indicators added through the coordinator's builder: a count, a scale, a written one.
    /// Returns the template's id and the ids of the three indicators.
    /// </summary>
    public static async Task<(int TemplateId, int Count, int Scale, int Text)> TemplateAsync(ReperesApp app, HttpClient coordinator)
    {
        var page = await coordinator.GetAsync(TemplateUrl);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        if (!await app.WithDbAsync(db => db.Frameworks.AnyAsync(f => f.StructureId == null)))
        {
            (await PostAsync(coordinator, TemplateUrl, "handler=create", new() { ["Input.Title"] = "Référentiel commun du réseau" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        var templateId = await app.WithDbAsync(db => db.Frameworks.Where(f => f.StructureId == null).OrderBy(f => f.Id).Select(f => f.Id).FirstAsync());
        (await PostAsync(coordinator, TemplateUrl, "handler=addDimension", new() { ["Input.Name"] = "Pouvoir d’agir" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dimensionId = await app.WithDbAsync(db => db.FrameworkDimensions.Where(d => d.FrameworkId == templateId && d.Name == "Pouvoir d’agir").Select(d => d.Id).SingleAsync());
        (await PostAsync(coordinator, TemplateUrl, $"handler=addCriterion&dimensionId={dimensionId}", new()
        {
            ["Input.Name"] = "Autonomie numérique",
            ["Input.Question"] = "Les participants font-ils seuls leurs démarches en ligne ?",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var criterionId = await app.WithDbAsync(db => db.FrameworkCriteria.Where(c => c.DimensionId == dimensionId).Select(c => c.Id).SingleAsync());
        (await PostAsync(coordinator, TemplateUrl, $"handler=addIndicator&criterionId={criterionId}", Indicator("Démarches faites seules"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(coordinator, TemplateUrl, $"handler=addIndicator&criterionId={criterionId}", Indicator("Aisance déclarée", IndicatorValueType.Scale, "Pas du tout\nUn peu\nAssez\nTout à fait", aggregation: IndicatorAggregation.Mean))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostAsync(coordinator, TemplateUrl, $"handler=addIndicator&criterionId={criterionId}", Indicator("Ce qui a changé", IndicatorValueType.Text))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ids = await app.WithDbAsync(db => db.Indicators.Where(i => i.CriterionId == criterionId).OrderBy(i => i.Position).Select(i => i.Id).ToListAsync());
        return (templateId, ids[0], ids[1], ids[2]);
    }

    /// <summary>A blank framework of A made through the home page's form, with one value, one criterion and one count indicator.</summary>
    public static async Task<(int FrameworkId, int CriterionId, int IndicatorId)> BlankFrameworkAsync(ReperesApp app, HttpClient manager, string title = "Référentiel de l’accueil de jour")
    {
        var created = await PostAsync(manager, HomeUrl(Ozanam), "handler=framework", new() { ["Input.Title"] = title, ["Input.Start"] = "vide" });
        var frameworkId = IdOf(created);
        var url = FrameworkUrl(Ozanam, frameworkId);
        (await PostAsync(manager, url, "handler=addDimension", new() { ["Input.Name"] = "Lien social" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dimensionId = await app.WithDbAsync(db => db.FrameworkDimensions.Where(d => d.FrameworkId == frameworkId).Select(d => d.Id).SingleAsync());
        (await PostAsync(manager, url, $"handler=addCriterion&dimensionId={dimensionId}", new() { ["Input.Name"] = "Liens noués", ["Input.Question"] = "Des liens se créent-ils ?" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var criterionId = await app.WithDbAsync(db => db.FrameworkCriteria.Where(c => c.DimensionId == dimensionId).Select(c => c.Id).SingleAsync());
        (await PostAsync(manager, url, $"handler=addIndicator&criterionId={criterionId}", Indicator("Personnes accueillies"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var indicatorId = await app.WithDbAsync(db => db.Indicators.Where(i => i.CriterionId == criterionId).Select(i => i.Id).SingleAsync());
        return (frameworkId, criterionId, indicatorId);
    }

    /// <summary>An action of A (through the home page's form) with a period "2026" (through the action page's form).</summary>
    public static async Task<(int ActionId, int PeriodId)> ActionWithPeriodAsync(ReperesApp app, HttpClient manager, int frameworkId)
    {
        var created = await PostAsync(manager, HomeUrl(Ozanam), "handler=action", new() { ["Input.Title"] = "Accueil de jour du matin", ["Input.Framework"] = frameworkId.ToString(CultureInfo.InvariantCulture) });
        var actionId = IdOf(created);
        (await PostAsync(manager, ActionUrl(Ozanam, actionId), "handler=openPeriod", new() { ["Input.Label"] = "2026", ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-12-31" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var periodId = await app.WithDbAsync(db => db.ActionPeriods.Where(p => p.ActionId == actionId).Select(p => p.Id).SingleAsync());
        return (actionId, periodId);
    }

    /// <summary>Everything an edit could change in the evaluation tables, to prove a refused one changed nothing.</summary>
    public static Task<string> FingerprintAsync(ReperesApp app) => app.WithDbAsync(async db => System.Text.Json.JsonSerializer.Serialize(new
    {
        Frameworks = await db.Frameworks.OrderBy(f => f.Id).Select(f => new { f.Id, f.Title, f.Project, f.UpdatedAt }).ToListAsync(),
        Dimensions = await db.FrameworkDimensions.OrderBy(d => d.Id).Select(d => new { d.Id, d.Name, d.Description }).ToListAsync(),
        Criteria = await db.FrameworkCriteria.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Question, c.TemplateCriterionId }).ToListAsync(),
        Indicators = await db.Indicators.OrderBy(i => i.Id).Select(i => new { i.Id, i.Name, i.Version, i.ValueType, i.ScaleLabels, i.TemplateIndicatorId, i.Mapping, i.Factor, i.RetiredAt }).ToListAsync(),
        Actions = await db.EvaluatedActions.OrderBy(a => a.Id).Select(a => new { a.Id, a.Title, a.Description, Services = a.Services.Select(s => s.ServiceId).OrderBy(s => s).ToList() }).ToListAsync(),
        Periods = await db.ActionPeriods.OrderBy(p => p.Id).Select(p => new { p.Id, p.Label, p.StartsOn, p.EndsOn, p.Status }).ToListAsync(),
    }));
}
