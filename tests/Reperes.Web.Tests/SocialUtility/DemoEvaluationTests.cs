using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.SocialUtility.Model;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Publishing.Publications;

namespace Reperes.Web.Tests.SocialUtility;

/// <summary>The demo's evaluation: the template, five structures, a year of periods with something real on the results pages.</summary>
public sealed class DemoEvaluationTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task LoadDemo_WithEvaluation_GivesTheTemplateAYearOfPeriodsAndResultsToShow(string engine)
    {
        await using var app = new ReperesApp(engine, now: ReperesApp.DefaultNow.AddMinutes(77)) { Settings = { ["Reperes:DemoEvaluation"] = "true" } };

        var (templates, frameworks, actionId, periods, observations, testimonies, assessments, convertible) = await app.WithDbAsync(async db =>
        {
            var ozanam = await db.Structures.SingleAsync(s => s.Slug == "halte-accueil-ozanam");
            var action = await db.EvaluatedActions.Include(a => a.Periods).SingleAsync(a => a.StructureId == ozanam.Id);
            return (
                await db.Frameworks.CountAsync(f => f.StructureId == null),
                await db.Frameworks.CountAsync(f => f.StructureId != null),
                action.Id,
                action.Periods.OrderBy(p => p.StartsOn).Select(p => p.Status).ToList(),
                await db.Observations.CountAsync(o => action.Periods.Select(p => p.Id).Contains(o.PeriodId)),
                await db.Testimonies.CountAsync(t => t.ActionId == action.Id),
                await db.SelfAssessments.CountAsync(s => action.Periods.Select(p => p.Id).Contains(s.PeriodId)),
                await db.Indicators.CountAsync(i => i.Mapping == TemplateMapping.Convertible && i.Factor == 0.5m));
        });

        templates.ShouldBe(1);
        frameworks.ShouldBe(5);
        periods.ShouldBe([PeriodStatus.Validated, PeriodStatus.Validated, PeriodStatus.Validated, PeriodStatus.Closed, PeriodStatus.Open]);
        observations.ShouldBeGreaterThan(50);
        testimonies.ShouldBe(15);
        assessments.ShouldBe(5);
        convertible.ShouldBe(2);

        var manager = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Manager);
        var (response, page) = await manager.GetPageAsync($"/mon-espace/structure/halte-accueil-ozanam/utilite-sociale/actions/{actionId}/resultats");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.QuerySelectorAll(".chart-with-table svg[role=img]").Length.ShouldBeGreaterThan(5);
        page.QuerySelectorAll("table.stats-table caption").Select(c => c.TextContent).ShouldContain("Aisance déclarée");
        (await manager.GetAsync($"/mon-espace/structure/halte-accueil-ozanam/utilite-sociale/actions/{actionId}/resultats.xlsx")).Content.Headers.ContentType!.MediaType
            .ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // Five structures passed the threshold on the participations (two of them counting hours, converted).
        var coordinator = await PublicationWorkflowTests.AsAsync(app, PublicationWorkflowTests.Coordinator);
        var (_, territory) = await coordinator.GetPageAsync("/mon-espace/coordination/utilite-sociale");
        var row = territory.QuerySelectorAll("table.territory-table tr").Single(r => r.QuerySelector("th")?.TextContent.StartsWith("Participations aux séances", StringComparison.Ordinal) == true);
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        cells.Count.ShouldBe(2);
        cells[0].ShouldEndWith("participations");
        cells[1].ShouldBe("5");
    }
}
