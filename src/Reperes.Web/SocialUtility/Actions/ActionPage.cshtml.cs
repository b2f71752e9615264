using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Frameworks;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Actions;

/// <summary>An action's title and description.</summary>
public sealed class ActionInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
}

/// <summary>A new period: its label ("2026", "1er trimestre") and its dates (yyyy-MM-dd, as a date field sends them).</summary>
public sealed class PeriodInput
{
    public string? Label { get; set; }
    public string? StartsOn { get; set; }
    public string? EndsOn { get; set; }
}

/// <summary>
/// An action of a structure: what it is, the services of the guide that carry it, its periods and where each stands;
/// its members go from here to each period's entry and to the results; its managers (and the coordinator) change it,
/// open periods, close, reopen and validate them. An action of another structure is a 404.
/// </summary>
[Authorize]
public sealed class ActionPageModel(
    ReperesDbContext db,
    EvaluationAccess access,
    UserManager<ReperesUser> users,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>What was just done (after a redirect): action, services, periode, close, rouverte, validee.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public Structure Structure { get; private set; } = null!;

    public EvaluatedAction Action { get; private set; } = null!;

    public string FrameworkTitle { get; private set; } = "";

    public bool MayDesign { get; private set; }

    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];

    public ActionInput Change { get; private set; } = new();

    public PeriodInput NewPeriod { get; private set; } = new();

    /// <summary>The form refused (action, services, periode, or the period's id for a transition), and why.</summary>
    public string? FailedForm { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string ActionUrl => $"/mon-espace/structure/{Structure.Slug}/utilite-sociale/actions/{Action.Id}";

    public async Task<IActionResult> OnGetAsync(string slug, int actionId)
    {
        if (await OpenAsync(slug, actionId, StructureOperations.ReadEvaluation) is { } refusal)
        {
            return refusal;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostChangeAsync(string slug, int actionId, ActionInput input)
    {
        if (await OpenAsync(slug, actionId, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        var title = input.Title?.Trim() ?? "";
        var errors = new List<string>();
        if (title.Length is 0 or > 200)
        {
            errors.Add(localizer["Donnez un titre à l’action (200 caractères au plus)."]);
        }

        if ((input.Description?.Trim().Length ?? 0) > 4000)
        {
            errors.Add(localizer["La description de l’action ne dépasse pas 4000 caractères."]);
        }

        if (errors.Count > 0)
        {
            Change = input;
            return await RefusedAsync("action", errors);
        }

        Action.Change(title, input.Description);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{ActionUrl}?fait=action");
    }

    public async Task<IActionResult> OnPostServicesAsync(string slug, int actionId, List<int> services)
    {
        if (await OpenAsync(slug, actionId, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        if (await ActionServices.OwnAsync(db, Structure.Id, services, HttpContext.RequestAborted) is not { } own)
        {
            return await RefusedAsync("services", [localizer["Choisissez seulement des services de la structure."]]);
        }

        Action.LinkServices(own);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{ActionUrl}?fait=services#services");
    }

    public async Task<IActionResult> OnPostOpenPeriodAsync(string slug, int actionId, PeriodInput input)
    {
        if (await OpenAsync(slug, actionId, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        var errors = new List<string>();
        var label = input.Label?.Trim() ?? "";
        if (label.Length is 0 or > 100)
        {
            errors.Add(localizer["Donnez un nom à la période (par exemple « 2026 » ou « 1er trimestre 2026 », 100 caractères au plus)."]);
        }

        var startsOn = Date(input.StartsOn);
        var endsOn = Date(input.EndsOn);
        if (startsOn is null)
        {
            errors.Add(localizer["Indiquez la date de début de la période."]);
        }

        if (endsOn is null)
        {
            errors.Add(localizer["Indiquez la date de fin de la période."]);
        }

        if (startsOn is { } start && endsOn is { } end)
        {
            if (end < start)
            {
                errors.Add(localizer["La période se termine avant de commencer : vérifiez les dates."]);
            }
            else if (Action.Periods.FirstOrDefault(p => p.StartsOn <= end && start <= p.EndsOn) is { } overlapping)
            {
                var culture = CultureInfo.CurrentCulture;
                errors.Add(localizer["Ces dates chevauchent la période « {0} » ({1} – {2}) : les périodes d’une action ne se recouvrent pas.", overlapping.Label, overlapping.StartsOn.ToString("d MMMM yyyy", culture), overlapping.EndsOn.ToString("d MMMM yyyy", culture)]);
            }
        }

        if (errors.Count > 0)
        {
            NewPeriod = input;
            return await RefusedAsync("periode", errors);
        }

        Action.OpenPeriod(label, startsOn!.Value, endsOn!.Value);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{ActionUrl}?fait=periode#periodes");
    }

    public Task<IActionResult> OnPostCloseAsync(string slug, int actionId, int periodId) => TransitionAsync(slug, actionId, periodId, PeriodStatus.Closed);

    public Task<IActionResult> OnPostReopenAsync(string slug, int actionId, int periodId) => TransitionAsync(slug, actionId, periodId, PeriodStatus.Open);

    public Task<IActionResult> OnPostValidateAsync(string slug, int actionId, int periodId) => TransitionAsync(slug, actionId, periodId, PeriodStatus.Validated);

    /// <summary>Moves a period to the status asked, when its current one allows it; otherwise says why, changing nothing.</summary>
    private async Task<IActionResult> TransitionAsync(string slug, int actionId, int periodId, PeriodStatus to)
    {
        if (await OpenAsync(slug, actionId, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        if (Action.Periods.FirstOrDefault(p => p.Id == periodId) is not { } period)
        {
            return NotFound();
        }

        var refused = (period.Status, to) switch
        {
            (PeriodStatus.Open, PeriodStatus.Closed) or (PeriodStatus.Closed, PeriodStatus.Open) or (PeriodStatus.Closed, PeriodStatus.Validated) => null,
            (PeriodStatus.Validated, _) => localizer["La période « {0} » est validée : ses chiffres sont définitifs et ne changent plus.", period.Label].Value,
            (_, PeriodStatus.Validated) => localizer["Fermez d’abord la période « {0} » à la saisie, puis validez-la.", period.Label].Value,
            (PeriodStatus.Open, PeriodStatus.Open) => localizer["La période « {0} » est déjà ouverte à la saisie.", period.Label].Value,
            (PeriodStatus.Closed, PeriodStatus.Closed) => localizer["La période « {0} » est déjà close.", period.Label].Value,
            _ => throw new InvalidOperationException($"Unknown transition {period.Status} → {to}."),
        };
        if (refused is not null)
        {
            return await RefusedAsync($"periode-{period.Id}", [refused]);
        }

        var now = clock.GetUtcNow();
        switch (to)
        {
            case PeriodStatus.Closed:
                period.Close(now);
                break;
            case PeriodStatus.Open:
                period.Reopen();
                break;
            case PeriodStatus.Validated:
                period.Validate(users.GetUserId(User)!, now);
                break;
            default:
                throw new InvalidOperationException($"Unknown status {to}.");
        }

        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var done = to switch
        {
            PeriodStatus.Closed => "close",
            PeriodStatus.Open => "rouverte",
            PeriodStatus.Validated => "validee",
            _ => throw new InvalidOperationException($"Unknown status {to}."),
        };
        return Redirect($"{ActionUrl}?fait={done}#periode-{period.Id}");
    }

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private async Task<IActionResult> RefusedAsync(string form, IReadOnlyList<string> errors)
    {
        FailedForm = form;
        Errors = errors;
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(string slug, int actionId, OperationAuthorizationRequirement operation)
    {
        var scope = await access.OpenAsync(User, slug, operation, HttpContext.RequestAborted);
        if (scope.Structure is not { } structure)
        {
            return StatusCode(scope.RefusalStatus!.Value);
        }

        if (await access.ActionAsync(structure.Id, actionId, HttpContext.RequestAborted) is not { } action)
        {
            return NotFound();
        }

        Structure = structure;
        Action = action;
        MayDesign = await access.MayAsync(User, structure, StructureOperations.DesignEvaluation);
        return null;
    }

    private async Task LoadAsync()
    {
        var frameworkId = Action.FrameworkId;
        FrameworkTitle = await db.Frameworks.Where(f => f.Id == frameworkId).Select(f => f.Title).SingleAsync(HttpContext.RequestAborted);
        Services = await ActionServices.OptionsAsync(db, Structure.Id, HttpContext.RequestAborted);
        if (FailedForm != "action")
        {
            Change = new() { Title = Action.Title, Description = Action.Description };
        }
    }
}
