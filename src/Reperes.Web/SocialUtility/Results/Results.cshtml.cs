using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.SocialUtility.Results;

/// <summary>An action's results for its structure's members: figures period by period, self-assessment, coded testimonies.</summary>
[Authorize]
public sealed class ActionResultsPageModel(EvaluationAccess access, ActionResults results) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public ActionResultsView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, int actionId)
    {
        var scope = await access.OpenAsync(User, slug, StructureOperations.ReadEvaluation, HttpContext.RequestAborted);
        if (!scope.Allowed)
        {
            return StatusCode(scope.RefusalStatus!.Value);
        }

        Structure = scope.Structure!;
        var action = await access.ActionAsync(Structure.Id, actionId, HttpContext.RequestAborted);
        if (action is null)
        {
            return NotFound();
        }

        View = await results.ReadAsync(action, HttpContext.RequestAborted);
        return Page();
    }
}
