using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>An observation already entered, as listed under its indicator.</summary>
public sealed record ObservationLine(
    int Id, int IndicatorId, Guid SeriesKey, int Version, decimal? Value, int? SampleSize, IReadOnlyList<int> ScaleAnswers, string? Text,
    DateOnly CollectedOn, string CollectedBy);

/// <summary>
/// The observations of a period of an action, entered on a phone during or after a workshop: for each current
/// indicator of the action's framework, grouped by value and criterion, a small form suited to its kind of value, and
/// what was already entered (which can be deleted while the period is open). A closed or validated period reads only.
/// </summary>
[Authorize]
public sealed class RecordObservationsModel(
    ReperesDbContext db,
    EvaluationAccess access,
    UserManager<ReperesUser> users,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ObservationInput Input { get; set; } = new();

    /// <summary>The indicator just saved (its confirmation shows beside it).</summary>
    [BindProperty(SupportsGet = true, Name = "enregistre")]
    public int? Saved { get; set; }

    [BindProperty(SupportsGet = true, Name = "supprime")]
    public int? Deleted { get; set; }

    public PeriodEntry Entry { get; private set; } = null!;

    public IReadOnlyList<ObservationLine> Observations { get; private set; } = [];

    /// <summary>The errors of the form sent, by field ("" for the form as a whole).</summary>
    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>The indicator whose form was sent and refused: its fields keep what was typed.</summary>
    public int? FailedIndicatorId { get; private set; }

    /// <summary>The name the "collected by" field proposes: the person's own.</summary>
    public string DefaultCollector { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, int actionId, int periodId) =>
        await LoadAsync(slug, actionId, periodId) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, int actionId, int periodId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        FailedIndicatorId = Input.IndicatorId;
        var indicator = Entry.CurrentIndicators.FirstOrDefault(i => i.Id == Input.IndicatorId);
        if (Entry.ClosedReason is { } closed)
        {
            Errors[""] = localizer[closed];
        }
        else if (indicator is null)
        {
            Errors[""] = localizer["Cet indicateur n’est pas (ou plus) dans le référentiel de cette action : rechargez la page."];
        }

        var me = users.GetUserId(User)!;
        var observation = indicator is null || Errors.Count > 0 ? null : Input.Read(Entry, indicator, me, clock.GetUtcNow(), Errors, localizer);
        if (observation is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Observations.Add(observation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{Entry.BaseUrl}?enregistre={indicator!.Id}#indicateur-{indicator.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string slug, int actionId, int periodId, int observationId)
    {
        if (await LoadAsync(slug, actionId, periodId) is { } refusal)
        {
            return refusal;
        }

        var observation = await db.Observations.FirstOrDefaultAsync(o => o.Id == observationId && o.PeriodId == Entry.Period.Id, HttpContext.RequestAborted);
        if (observation is null)
        {
            return NotFound();
        }

        if (Entry.ClosedReason is { } closed)
        {
            Errors[""] = localizer[closed];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Observations.Remove(observation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var series = Observations.First(o => o.Id == observationId).SeriesKey;
        var anchor = Entry.CurrentIndicators.FirstOrDefault(i => i.SeriesKey == series)?.Id;
        return Redirect($"{Entry.BaseUrl}?supprime={anchor}#indicateur-{anchor}");
    }

    /// <summary>The observations of an indicator's series (older versions of it included), newest first.</summary>
    public IEnumerable<ObservationLine> ObservationsOf(Indicator indicator) =>
        Observations.Where(o => o.SeriesKey == indicator.SeriesKey).OrderByDescending(o => o.CollectedOn).ThenByDescending(o => o.Id);

    /// <summary>The values a form shows: what was typed when it was refused, else the defaults.</summary>
    public ObservationInput FormOf(Indicator indicator) => FailedIndicatorId == indicator.Id
        ? Input
        : new ObservationInput
        {
            IndicatorId = indicator.Id,
            CollectedOn = PeriodEntry.Iso(Entry.DefaultCollection),
            CollectedBy = DefaultCollector,
        };

    public string? ErrorOf(Indicator indicator, string field) =>
        FailedIndicatorId == indicator.Id && Errors.TryGetValue(field, out var error) ? error : null;

    private async Task<IActionResult?> LoadAsync(string slug, int actionId, int periodId)
    {
        var (entry, refusal) = await PeriodEntry.OpenAsync(this, access, clock, slug, actionId, periodId, StructureOperations.RecordEvaluation);
        if (entry is null)
        {
            return refusal;
        }

        Entry = entry;
        var indicatorIds = entry.Criteria.SelectMany(c => c.Indicators).ToDictionary(i => i.Id);
        var rows = await db.Observations.AsNoTracking().Where(o => o.PeriodId == entry.Period.Id)
            .Select(o => new { o.Id, o.IndicatorId, o.Value, o.SampleSize, o.ScaleCounts, o.Text, o.CollectedOn, o.CollectedBy })
            .ToListAsync(HttpContext.RequestAborted);
        Observations = rows.Where(o => indicatorIds.ContainsKey(o.IndicatorId))
            .Select(o => new ObservationLine(
                o.Id, o.IndicatorId, indicatorIds[o.IndicatorId].SeriesKey, indicatorIds[o.IndicatorId].Version, o.Value, o.SampleSize,
                o.ScaleCounts is null ? [] : o.ScaleCounts.Split(',').Select(c => int.Parse(c, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
                o.Text, o.CollectedOn, o.CollectedBy))
            .ToList();
        DefaultCollector = (await users.GetUserAsync(User))?.DisplayName ?? "";
        return null;
    }
}
