using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>One month of a sheet's use, as its staff see it.</summary>
public sealed record SheetMonth(DateOnly Month, int Views, int Calls, int Directions, int Websites, int Emails, int Slips, int Referrals)
{
    public int Total => Views + Calls + Directions + Websites + Emails + Slips + Referrals;
}

/// <summary>
/// What a structure's sheet was used for, month by month over the last twelve: sheets read, taps on the phone number,
/// directions, website and e-mail, orientation slips that included it, referrals sent to it. Counts only, for its
/// members and the coordinator.
/// </summary>
[Authorize]
public sealed class SheetStatisticsModel(ReperesDbContext db, IAuthorizationService authorization, TimeProvider clock) : PageModel
{
    public const int Months = 12;

    private static readonly UsageKind[] Kinds =
        [UsageKind.SheetView, .. UsageKinds.Taps, UsageKind.SlipPlace, UsageKind.Referral];

    public Structure Structure { get; private set; } = null!;

    /// <summary>The last <see cref="Months"/> months, the current one last (it is not over yet).</summary>
    public IReadOnlyList<SheetMonth> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, structure, StructureOperations.ReadStatistics)).Succeeded)
        {
            return Forbid();
        }

        Structure = structure;
        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        var last = new DateOnly(today.Year, today.Month, 1);
        var first = last.AddMonths(1 - Months);
        var totals = await UsageTotals.MonthlyAsync(db, Kinds, first, last, UsageDimensions.None, structure.Id, HttpContext.RequestAborted);
        int Of(DateOnly month, UsageKind kind) => totals.Where(t => t.Month == month && t.Kind == kind).Sum(t => t.Total);
        Rows = Enumerable.Range(0, Months).Select(i => first.AddMonths(i))
            .Select(m => new SheetMonth(m, Of(m, UsageKind.SheetView), Of(m, UsageKind.Call), Of(m, UsageKind.Directions), Of(m, UsageKind.Website),
                Of(m, UsageKind.Email), Of(m, UsageKind.SlipPlace), Of(m, UsageKind.Referral)))
            .ToList();
        return Page();
    }
}
