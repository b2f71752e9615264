using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>
/// The network's template (référentiel commun), kept by the coordinator with the same editor as a structure's framework:
/// structures copy it, and map their own indicators to its indicators so that the territory can add them up.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class TemplateBuilderModel(ReperesDbContext db, EvaluationAccess access, FrameworkEditing editing, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : FrameworkEditorPage(editing)
{
    public const string Address = "/mon-espace/coordination/utilite-sociale/referentiel-commun";

    private readonly FrameworkEditing editing = editing;

    /// <summary>No template yet: the page offers to make it.</summary>
    public bool Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            Missing = true;
            return Page();
        }

        await LoadEditorAsync();
        return Page();
    }

    /// <summary>Makes the template when there is none (a second one is never made: the page shows the one there is).</summary>
    public async Task<IActionResult> OnPostCreateAsync(FrameworkInput input)
    {
        if (await LoadAsync())
        {
            return Redirect(Address);
        }

        var title = input.Title?.Trim() ?? "";
        var errors = new List<string>();
        if (title.Length is 0 or > 200)
        {
            errors.Add(localizer["Donnez un titre au référentiel (200 caractères au plus)."]);
        }

        if ((input.Description?.Trim().Length ?? 0) > 4000)
        {
            errors.Add(localizer["La présentation du référentiel ne dépasse pas {0} caractères.", 4000]);
        }

        if (errors.Count > 0)
        {
            Missing = true;
            Creation = input;
            CreationErrors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        db.Frameworks.Add(new Framework(null, title, null, input.Description, clock.GetUtcNow()));
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return Redirect($"{Address}?fait=referentiel");
    }

    /// <summary>The creation form as typed, and why it was refused.</summary>
    public FrameworkInput Creation { get; private set; } = new();

    public IReadOnlyList<string> CreationErrors { get; private set; } = [];

    public async Task<IActionResult> OnPostRenameAsync(FrameworkInput input) =>
        await OpenAsync() ?? await EditAsync("referentiel", input, ct => editing.RenameAsync(Framework, input, ct));

    public async Task<IActionResult> OnPostAddDimensionAsync(DimensionInput input) =>
        await OpenAsync() ?? await EditAsync("nouvelle-valeur", input, ct => editing.AddDimensionAsync(Framework, input, ct));

    public async Task<IActionResult> OnPostChangeDimensionAsync(int dimensionId, DimensionInput input) =>
        await OpenAsync() ?? await EditAsync($"valeur-{dimensionId}", input, ct => editing.ChangeDimensionAsync(Framework, dimensionId, input, ct));

    public async Task<IActionResult> OnPostAddCriterionAsync(int dimensionId, CriterionInput input) =>
        await OpenAsync() ?? await EditAsync($"nouveau-critere-{dimensionId}", input, ct => editing.AddCriterionAsync(Framework, dimensionId, input, ct));

    public async Task<IActionResult> OnPostChangeCriterionAsync(int criterionId, CriterionInput input) =>
        await OpenAsync() ?? await EditAsync($"critere-{criterionId}", input, ct => editing.ChangeCriterionAsync(Framework, criterionId, input, ct));

    public async Task<IActionResult> OnPostAddIndicatorAsync(int criterionId, IndicatorInput input) =>
        await OpenAsync() ?? await EditAsync($"nouvel-indicateur-{criterionId}", input, ct => editing.AddIndicatorAsync(Framework, criterionId, input, ct));

    public async Task<IActionResult> OnPostChangeIndicatorAsync(int indicatorId, IndicatorInput input) =>
        await OpenAsync() ?? await EditAsync($"indicateur-{indicatorId}", input, ct => editing.ChangeIndicatorAsync(Framework, indicatorId, input, ct));

    public async Task<IActionResult> OnPostRemoveIndicatorAsync(int indicatorId) =>
        await OpenAsync() ?? await EditAsync($"indicateur-{indicatorId}", new IndicatorInput(), ct => editing.RemoveIndicatorAsync(Framework, indicatorId, ct));

    private async Task<IActionResult?> OpenAsync() => await LoadAsync() ? null : NotFound();

    private async Task<bool> LoadAsync()
    {
        if (await access.TemplateAsync(HttpContext.RequestAborted) is not { } template)
        {
            return false;
        }

        Framework = template;
        MayEdit = true;
        EditUrl = Address;
        return true;
    }
}
