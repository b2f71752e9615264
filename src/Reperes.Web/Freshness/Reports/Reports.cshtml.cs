using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness.Reports;

public sealed record ReportRow(int Id, string StructureName, string StructureSlug, ReportSection Section, string Text, DateTimeOffset CreatedAt, ReportStatus Status);

/// <summary>
/// The reports to follow: all of them for the coordination; for a manager, those of their structures only (the
/// query itself is restricted, so that nobody sees another structure's reports).
/// </summary>
[Authorize]
public sealed class ReportsModel(ReperesDbContext db, UserManager<ReperesUser> users) : PageModel
{
    public const int PageSize = 50;

    /// <summary>a-traiter (new and in progress, the default), tous, or a status code (nouveau, en-cours, resolu, rejete).</summary>
    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];

    public bool HasNextPage { get; private set; }

    public bool IsCoordinator { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if ((StatusFilter is { Length: > 0 } && StatusFilter is not ("a-traiter" or "tous") && !ReportLabels.StatusCodes.ContainsKey(StatusFilter)) || PageNumber is < 1 or > 10_000)
        {
            return BadRequest();
        }

        IsCoordinator = User.IsInRole(NetworkRoles.Coordinator);
        var query = Visible(db, users.GetUserId(User)!, IsCoordinator);
        query = StatusFilter switch
        {
            null or "" or "a-traiter" => query.Where(r => r.Status == ReportStatus.Open || r.Status == ReportStatus.InProgress),
            "tous" => query,
            _ => query.Where(r => r.Status == ReportLabels.StatusCodes[StatusFilter]),
        };
        var rows = await query
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(r => new ReportRow(r.Id, r.Structure.Name, r.Structure.Slug, r.Section, r.Text, r.CreatedAt, r.Status))
            .ToListAsync(HttpContext.RequestAborted);
        HasNextPage = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        return Page();
    }

    /// <summary>The reports a person may follow: every one for the coordination, those of the structures they manage otherwise.</summary>
    public static IQueryable<SheetReport> Visible(ReperesDbContext db, string userId, bool coordinator) => coordinator
        ? db.SheetReports.AsNoTracking()
        : db.SheetReports.AsNoTracking().Where(r => db.Memberships.Any(m => m.StructureId == r.StructureId && m.UserId == userId && m.Role == MembershipRole.Manager));

    public string PageUrl(int page) =>
        "/mon-espace/signalements?etat=" + Uri.EscapeDataString(StatusFilter is { Length: > 0 } ? StatusFilter : "a-traiter")
        + (page > 1 ? "&page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
}
