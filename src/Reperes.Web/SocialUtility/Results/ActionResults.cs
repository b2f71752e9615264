using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Results;

/// <summary>One period's figure of an indicator, with the written observations beside it.</summary>
public sealed record PeriodFigure(int PeriodId, string Period, CombinedFigure Figure, IReadOnlyList<string> Notes);

/// <summary>An indicator version with its figures period by period (a series compares only what one version measured).</summary>
public sealed record IndicatorResult(
    int Id, string Dimension, string Criterion, string Name, int Version, bool IsCurrent, IndicatorDefinition Definition, IReadOnlyList<PeriodFigure> Periods)
{
    public bool HasFigures => Periods.Any(p => p.Figure.Observations > 0);

    /// <summary>The first and the last period with a figure, when they are two: the trend across the periods.</summary>
    public (PeriodFigure First, PeriodFigure Last)? Trend =>
        Periods.Where(p => p.Figure.Value is not null).ToList() is { Count: >= 2 } valued ? (valued[0], valued[^1]) : null;
}

/// <summary>An excerpt of a coded testimony, with how far it may travel.</summary>
public sealed record CodedExcerpt(string Pseudonym, string? Excerpt, CodingPolarity Polarity, TestimonyConsent Consent);

/// <summary>A criterion in a period: the team's self-assessment (mean of the period's sessions) and the coded testimonies.</summary>
public sealed record CriterionPeriod(string Period, decimal? Rating, int Sessions, IReadOnlyList<string> Comments, int Positive, int Negative, IReadOnlyList<CodedExcerpt> Excerpts);

public sealed record CriterionResult(int Id, string Dimension, string Name, string Question, IReadOnlyList<CriterionPeriod> Periods);

/// <summary>Everything an action's results page, exports and report show; for its structure's eyes (internal testimonies included).</summary>
public sealed record ActionResultsView(
    EvaluatedAction Action, string FrameworkTitle, IReadOnlyList<ActionPeriod> Periods, IReadOnlyList<string> Services,
    IReadOnlyList<IndicatorResult> Indicators, IReadOnlyList<CriterionResult> Criteria, int Testimonies);

/// <summary>Reads an action's observations, testimonies and self-assessments into results, period by period.</summary>
public sealed class ActionResults(ReperesDbContext db)
{
    public async Task<ActionResultsView> ReadAsync(EvaluatedAction action, CancellationToken cancellationToken)
    {
        var framework = await db.Frameworks.AsNoTracking()
            .Include(f => f.Dimensions).ThenInclude(d => d.Criteria).ThenInclude(c => c.Indicators).AsSplitQuery()
            .SingleAsync(f => f.Id == action.FrameworkId, cancellationToken);
        var periods = action.Periods.OrderBy(p => p.StartsOn).ToList();
        var periodIds = periods.Select(p => p.Id).ToList();
        var observations = await db.Observations.AsNoTracking().Where(o => periodIds.Contains(o.PeriodId)).ToListAsync(cancellationToken);
        var testimonies = await db.Testimonies.AsNoTracking().Include(t => t.Codings).Where(t => t.ActionId == action.Id).ToListAsync(cancellationToken);
        var assessments = await db.SelfAssessments.AsNoTracking().Include(s => s.Ratings).Where(s => periodIds.Contains(s.PeriodId)).ToListAsync(cancellationToken);
        var serviceIds = action.Services.Select(s => s.ServiceId).ToList();
        var services = await db.Services.AsNoTracking().Where(s => serviceIds.Contains(s.Id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(cancellationToken);

        var indicators = new List<IndicatorResult>();
        var criteria = new List<CriterionResult>();
        foreach (var dimension in framework.Dimensions.OrderBy(d => d.Position))
        {
            foreach (var criterion in dimension.Criteria.OrderBy(c => c.Position))
            {
                foreach (var indicator in criterion.Indicators.OrderBy(i => i.Position).ThenBy(i => i.Version))
                {
                    var mine = observations.Where(o => o.IndicatorId == indicator.Id).ToList();
                    if (!indicator.IsCurrent && mine.Count == 0)
                    {
                        continue;
                    }

                    var figures = periods.Select(p =>
                    {
                        var inPeriod = mine.Where(o => o.PeriodId == p.Id).ToList();
                        return new PeriodFigure(p.Id, p.Label,
                            Figures.Combine(indicator.ValueType, indicator.Aggregation, inPeriod.Select(ObservedFigure.Of).ToList()),
                            inPeriod.OrderBy(o => o.CollectedOn).Select(o => o.Text).OfType<string>().ToList());
                    }).ToList();
                    indicators.Add(new(indicator.Id, dimension.Name, criterion.Name, indicator.Name, indicator.Version, indicator.IsCurrent, indicator.Definition, figures));
                }

                var byPeriod = periods.Select(p =>
                {
                    var ratings = assessments.Where(s => s.PeriodId == p.Id)
                        .SelectMany(s => s.Ratings.Where(r => r.CriterionId == criterion.Id)).ToList();
                    var coded = testimonies.Where(t => t.PeriodId == p.Id)
                        .SelectMany(t => t.Codings.Where(c => c.CriterionId == criterion.Id).Select(c => new CodedExcerpt(t.Pseudonym, c.Excerpt, c.Polarity, t.Consent)))
                        .ToList();
                    return new CriterionPeriod(p.Label,
                        ratings.Count == 0 ? null : Math.Round((decimal)ratings.Average(r => r.Rating), 1),
                        ratings.Count,
                        ratings.Select(r => r.Comment).OfType<string>().ToList(),
                        coded.Count(c => c.Polarity == CodingPolarity.Positive),
                        coded.Count(c => c.Polarity == CodingPolarity.Negative),
                        coded);
                }).ToList();
                criteria.Add(new(criterion.Id, dimension.Name, criterion.Name, criterion.Question, byPeriod));
            }
        }

        return new(action, framework.Title, periods, services, indicators, criteria, testimonies.Count);
    }
}

/// <summary>The results as the page and the funder's report lay them out (the report quotes public testimonies only).</summary>
public sealed record ActionResultsPartial(ActionResultsView View, bool ForFunder);
