using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.SocialUtility.Results;

/// <summary>
/// An action's results as a document to print for a funder: the same figures as the results page; testimonies quoted
/// only when the person agreed to a public use (a funder is outside the structure and the network).
/// </summary>
[Authorize]
public sealed class ActionReportModel(EvaluationAccess access, ActionResults results, TimeProvider clock) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public ActionResultsView View { get; private set; } = null!;

    public DateTimeOffset PrintedAt { get; private set; }

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
        PrintedAt = clock.GetUtcNow();
        return Page();
    }
}
