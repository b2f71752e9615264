using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.SocialUtility.Frameworks;

/// <summary>
/// A structure's framework: its members read it, its managers (and the coordinator) build it — values, criteria,
/// indicators and their mapping to the network's template. A framework of another structure is a 404.
/// </summary>
[Authorize]
public sealed class FrameworkBuilderModel(EvaluationAccess access, FrameworkEditing editing) : FrameworkEditorPage(editing)
{
    private readonly FrameworkEditing editing = editing;

    public Structure Structure { get; private set; } = null!;

    public Task<IActionResult> OnGetAsync(string slug, int frameworkId) => ShowAsync(slug, frameworkId);

    public async Task<IActionResult> OnPostRenameAsync(string slug, int frameworkId, FrameworkInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync("referentiel", input, ct => editing.RenameAsync(Framework, input, ct));

    public async Task<IActionResult> OnPostAddDimensionAsync(string slug, int frameworkId, DimensionInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync("nouvelle-valeur", input, ct => editing.AddDimensionAsync(Framework, input, ct));

    public async Task<IActionResult> OnPostChangeDimensionAsync(string slug, int frameworkId, int dimensionId, DimensionInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"valeur-{dimensionId}", input, ct => editing.ChangeDimensionAsync(Framework, dimensionId, input, ct));

    public async Task<IActionResult> OnPostAddCriterionAsync(string slug, int frameworkId, int dimensionId, CriterionInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"nouveau-critere-{dimensionId}", input, ct => editing.AddCriterionAsync(Framework, dimensionId, input, ct));

    public async Task<IActionResult> OnPostChangeCriterionAsync(string slug, int frameworkId, int criterionId, CriterionInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"critere-{criterionId}", input, ct => editing.ChangeCriterionAsync(Framework, criterionId, input, ct));

    public async Task<IActionResult> OnPostAddIndicatorAsync(string slug, int frameworkId, int criterionId, IndicatorInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"nouvel-indicateur-{criterionId}", input, ct => editing.AddIndicatorAsync(Framework, criterionId, input, ct));

    public async Task<IActionResult> OnPostChangeIndicatorAsync(string slug, int frameworkId, int indicatorId, IndicatorInput input) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"indicateur-{indicatorId}", input, ct => editing.ChangeIndicatorAsync(Framework, indicatorId, input, ct));

    public async Task<IActionResult> OnPostRemoveIndicatorAsync(string slug, int frameworkId, int indicatorId) =>
        await OpenAsync(slug, frameworkId) ?? await EditAsync($"indicateur-{indicatorId}", new IndicatorInput(), ct => editing.RemoveIndicatorAsync(Framework, indicatorId, ct));

    private async Task<IActionResult> ShowAsync(string slug, int frameworkId)
    {
        if (await LoadAsync(slug, frameworkId, StructureOperations.ReadEvaluation) is { } refusal)
        {
            return refusal;
        }

        await LoadEditorAsync();
        return Page();
    }

    /// <summary>Opens the framework for a change: its structure's managers and the coordinator only.</summary>
    private Task<IActionResult?> OpenAsync(string slug, int frameworkId) => LoadAsync(slug, frameworkId, StructureOperations.DesignEvaluation);

    private async Task<IActionResult?> LoadAsync(string slug, int frameworkId, Microsoft.AspNetCore.Authorization.Infrastructure.OperationAuthorizationRequirement operation)
    {
        var scope = await access.OpenAsync(User, slug, operation, HttpContext.RequestAborted);
        if (scope.Structure is not { } structure)
        {
            return StatusCode(scope.RefusalStatus!.Value);
        }

        if (await access.FrameworkAsync(structure.Id, frameworkId, HttpContext.RequestAborted) is not { } framework)
        {
            return NotFound();
        }

        Structure = structure;
        Framework = framework;
        MayEdit = await access.MayAsync(User, structure, StructureOperations.DesignEvaluation);
        EditUrl = $"/mon-espace/structure/{structure.Slug}/utilite-sociale/referentiels/{framework.Id}";
        return null;
    }
}
