using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>A new framework: its title, an optional project, and whether it starts from the network's template.</summary>
public sealed class NewFrameworkInput
{
    public string? Title { get; set; }
    public string? Project { get; set; }

    /// <summary>"modele" to copy the network's template, "vide" to start blank.</summary>
    public string? Start { get; set; }
}

/// <summary>A new action: title, description, the framework it is evaluated with, the structure's services that carry it.</summary>
public sealed class NewActionInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? Framework { get; set; }
    public List<int> Services { get; set; } = [];
}

public sealed record FrameworkSummary(int Id, string Title, string? Project, bool FromTemplate, int Values, int Criteria, int Indicators);

public sealed record PeriodSummary(int Id, string Label, DateOnly StartsOn, DateOnly EndsOn, PeriodStatus Status);

public sealed record ActionSummary(int Id, string Title, string Framework, IReadOnlyList<PeriodSummary> Periods);

public sealed record ServiceOption(int Id, string Name);

/// <summary>
/// A structure's evaluation of its social utility: the method in a few words, its frameworks and its actions with
/// their periods (and the way to each period's entry and to the results); its managers create frameworks (from the
/// network's template or blank) and actions.
/// </summary>
[Authorize]
public sealed class EvaluationHomeModel(
    ReperesDbContext db,
    EvaluationAccess access,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public bool MayDesign { get; private set; }

    public bool HasTemplate { get; private set; }

    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    public IReadOnlyList<ActionSummary> Actions { get; private set; } = [];

    public IReadOnlyList<ServiceOption> Services { get; private set; } = [];

    public NewFrameworkInput NewFramework { get; private set; } = new() { Start = "modele" };

    public NewActionInput NewAction { get; private set; } = new();

    public IReadOnlyList<string> FrameworkErrors { get; private set; } = [];

    public IReadOnlyList<string> ActionErrors { get; private set; } = [];

    public string HomeUrl => $"/mon-espace/structure/{Structure.Slug}/utilite-sociale";

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        if (await OpenAsync(slug, StructureOperations.ReadEvaluation) is { } refusal)
        {
            return refusal;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostFrameworkAsync(string slug, NewFrameworkInput input)
    {
        if (await OpenAsync(slug, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        var errors = new List<string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors.Add(localizer["Donnez un titre au référentiel (200 caractères au plus)."]);
        }

        if ((input.Project?.Trim().Length ?? 0) > 200)
        {
            errors.Add(localizer["Le nom du projet ne dépasse pas {0} caractères.", 200]);
        }

        Framework? template = null;
        switch (input.Start)
        {
            case "modele":
                template = await access.TemplateAsync(HttpContext.RequestAborted);
                if (template is null)
                {
                    errors.Add(localizer["Le réseau n’a pas encore de référentiel commun : partez d’une page blanche."]);
                }

                break;
            case "vide":
                break;
            default:
                errors.Add(localizer["Choisissez de copier le référentiel commun ou de partir d’une page blanche."]);
                break;
        }

        if (errors.Count > 0)
        {
            NewFramework = input;
            FrameworkErrors = errors;
            return await RefusedAsync();
        }

        var now = clock.GetUtcNow();
        var framework = template is null
            ? new Framework(Structure.Id, title, input.Project, null, now)
            : Framework.CopyOf(template, Structure.Id, title, input.Project, now);
        db.Frameworks.Add(framework);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{HomeUrl}/referentiels/{framework.Id}?fait=referentiel");
    }

    public async Task<IActionResult> OnPostActionAsync(string slug, NewActionInput input)
    {
        if (await OpenAsync(slug, StructureOperations.DesignEvaluation) is { } refusal)
        {
            return refusal;
        }

        var errors = new List<string>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length is 0 or > 200)
        {
            errors.Add(localizer["Donnez un titre à l’action (200 caractères au plus)."]);
        }

        if ((input.Description?.Trim().Length ?? 0) > 4000)
        {
            errors.Add(localizer["La description de l’action ne dépasse pas 4000 caractères."]);
        }

        var frameworkId = int.TryParse(input.Framework, out var id) ? id : 0;
        if (!await db.Frameworks.AnyAsync(f => f.Id == frameworkId && f.StructureId == Structure.Id, HttpContext.RequestAborted))
        {
            errors.Add(localizer["Choisissez dans la liste le référentiel avec lequel l’action sera évaluée."]);
        }

        var services = await ActionServices.OwnAsync(db, Structure.Id, input.Services, HttpContext.RequestAborted);
        if (services is null)
        {
            errors.Add(localizer["Choisissez seulement des services de la structure."]);
        }

        if (errors.Count > 0)
        {
            NewAction = input;
            ActionErrors = errors;
            return await RefusedAsync();
        }

        var action = new EvaluatedAction(Structure.Id, frameworkId, title, input.Description, clock.GetUtcNow());
        action.LinkServices(services!);
        db.EvaluatedActions.Add(action);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{HomeUrl}/actions/{action.Id}?fait=action");
    }

    private async Task<IActionResult> RefusedAsync()
    {
        await LoadAsync();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(string slug, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var scope = await access.OpenAsync(User, slug, operation, HttpContext.RequestAborted);
        if (scope.Structure is not { } structure)
        {
            return StatusCode(scope.RefusalStatus!.Value);
        }

        Structure = structure;
        MayDesign = await access.MayAsync(User, structure, StructureOperations.DesignEvaluation);
        return null;
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        var structureId = Structure.Id;
        HasTemplate = await db.Frameworks.AnyAsync(f => f.StructureId == null, cancellationToken);
        Frameworks = await db.Frameworks.AsNoTracking().Where(f => f.StructureId == structureId).OrderBy(f => f.Title).ThenBy(f => f.Id)
            .Select(f => new FrameworkSummary(
                f.Id, f.Title, f.Project, f.TemplateId != null, f.Dimensions.Count,
                f.Dimensions.SelectMany(d => d.Criteria).Count(),
                f.Dimensions.SelectMany(d => d.Criteria).SelectMany(c => c.Indicators).Count(i => i.RetiredAt == null)))
            .ToListAsync(cancellationToken);
        var actions = await (from a in db.EvaluatedActions.AsNoTracking()
                             join f in db.Frameworks on a.FrameworkId equals f.Id
                             where a.StructureId == structureId
                             orderby a.Title, a.Id
                             select new { a.Id, a.Title, Framework = f.Title }).ToListAsync(cancellationToken);
        var actionIds = actions.Select(a => a.Id).ToList();
        var periods = (await db.ActionPeriods.AsNoTracking().Where(p => actionIds.Contains(p.ActionId))
                .Select(p => new { p.ActionId, Period = new PeriodSummary(p.Id, p.Label, p.StartsOn, p.EndsOn, p.Status) })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.ActionId, p => p.Period);
        Actions = [.. actions.Select(a => new ActionSummary(a.Id, a.Title, a.Framework, [.. periods[a.Id].OrderByDescending(p => p.StartsOn)]))];
        Services = await ActionServices.OptionsAsync(db, structureId, cancellationToken);
    }
}
