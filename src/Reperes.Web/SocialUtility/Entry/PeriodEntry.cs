using System.Globalization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Entry;

/// <summary>
/// A period of an action of a structure, as the entry pages open it: the structure (allowed to this person), the
/// action and the period found within it (another structure's ids are "not found"), the action's framework.
/// </summary>
public sealed record PeriodEntry(Structure Structure, EvaluatedAction Action, ActionPeriod Period, Framework Framework, DateOnly Today)
{
    /// <summary>How far before its start or after its end a figure of the period may have been collected (a questionnaire returned late).</summary>
    public const int ToleranceDays = 31;

    public string BaseUrl => $"/mon-espace/structure/{Structure.Slug}/utilite-sociale/actions/{Action.Id}/periodes/{Period.Id}";

    public string ActionUrl => $"/mon-espace/structure/{Structure.Slug}/utilite-sociale/actions/{Action.Id}";

    public string ResultsUrl => ActionUrl + "/resultats";

    /// <summary>The earliest day a collection of this period may carry.</summary>
    public DateOnly EarliestCollection => Period.StartsOn.AddDays(-ToleranceDays);

    /// <summary>The latest: a little after the period's end, never after today.</summary>
    public DateOnly LatestCollection => Min(Period.EndsOn.AddDays(ToleranceDays), Today);

    /// <summary>Today when it fits the period, else the nearest day that does.</summary>
    public DateOnly DefaultCollection => Today < EarliestCollection ? EarliestCollection : Min(Today, LatestCollection);

    public IEnumerable<Criterion> Criteria => Framework.Dimensions.OrderBy(d => d.Position).SelectMany(d => d.Criteria.OrderBy(c => c.Position));

    /// <summary>The current indicators of the framework (the version that stands of each).</summary>
    public IEnumerable<Indicator> CurrentIndicators => Criteria.SelectMany(c => c.Indicators.Where(i => i.IsCurrent).OrderBy(i => i.Position));

    /// <summary>Why nothing can be entered now, in French (a key), or null while the period is open.</summary>
    public string? ClosedReason => Period.Status switch
    {
        PeriodStatus.Open => null,
        PeriodStatus.Closed => "Cette période est close : ses données attendent la validation, on ne peut plus rien y saisir. Un responsable peut la rouvrir depuis la page de l’action pour corriger une donnée.",
        PeriodStatus.Validated => "Cette période est validée : ses données sont définitives et ne peuvent plus changer.",
        _ => throw new ArgumentOutOfRangeException(nameof(Period), Period.Status, null),
    };

    /// <summary>Opens the period for the person, or the refusal to return (404 unknown, 403 not allowed).</summary>
    public static async Task<(PeriodEntry? Entry, IActionResult? Refusal)> OpenAsync(
        PageModel page, EvaluationAccess access, TimeProvider clock, string slug, int actionId, int periodId, OperationAuthorizationRequirement operation)
    {
        var cancellationToken = page.HttpContext.RequestAborted;
        var scope = await access.OpenAsync(page.User, slug, operation, cancellationToken);
        if (scope.Structure is not { } structure)
        {
            return (null, scope.RefusalStatus == StatusCodes.Status403Forbidden ? page.Forbid() : page.NotFound());
        }

        var action = await access.ActionAsync(structure.Id, actionId, cancellationToken);
        var period = action?.Periods.FirstOrDefault(p => p.Id == periodId);
        if (action is null || period is null)
        {
            return (null, page.NotFound());
        }

        var framework = await access.FrameworkAsync(structure.Id, action.FrameworkId, cancellationToken);
        if (framework is null)
        {
            return (null, page.NotFound());
        }

        return (new PeriodEntry(structure, action, period, framework, HoursEvaluator.LocalDate(clock.GetUtcNow())), null);
    }

    /// <summary>
    /// A collection date typed in a form (2026-11-24 from a date field, or 24/11/2026 typed by hand): the date, or the
    /// French error with its arguments when missing, not a date, or outside the period (with its margin).
    /// </summary>
    public DateOnly? CollectionDate(string? typed, string field, Dictionary<string, string> errors, IStringLocalizer localizer)
    {
        if (!TryParseDate(typed, out var date))
        {
            errors[field] = localizer["Indiquez la date sous la forme jj/mm/aaaa (par exemple {0}).", DefaultCollection.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)];
            return null;
        }

        if (date < EarliestCollection || date > LatestCollection)
        {
            errors[field] = date > Today
                ? localizer["Le {0} n’est pas encore arrivé : indiquez le jour où les données ont été recueillies.", InWords(date)]
                : localizer["Le {0} est hors de la période : indiquez un jour entre le {1} et le {2}.", InWords(date), InWords(EarliestCollection), InWords(LatestCollection)];
            return null;
        }

        return date;
    }

    public static bool TryParseDate(string? typed, out DateOnly date) =>
        DateOnly.TryParseExact(typed?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string InWords(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
