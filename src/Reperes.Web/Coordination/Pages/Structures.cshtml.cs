using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Coordination.Pages;

public sealed record StructureRow(int Id, string Name, string Slug, string? PostalCode, string? City, StructureStatus Status, int Members, int Managers, int PendingInvitations);

/// <summary>
/// Every structure's space, for the coordination: search by name or commune, filters, and the way to each team.
/// Light on 100,000 structures: ordered by (status, name), an index; counts stop at <see cref="CountLimit"/>.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed partial class StructuresModel(
    ReperesDbContext db,
    StructureWriter writer,
    CommuneDirectory communes,
    TimeProvider clock,
    HoursEvaluator hours,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;
    public const int CountLimit = 10_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>brouillon, en-ligne, hors-ligne, fermee, or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "statut")]
    public string? StatusFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "sans-gestionnaire")]
    public bool WithoutManagerOnly { get; set; }

    // From the query: "page" is also the route value naming the Razor page.
    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public IReadOnlyList<StructureRow> Rows { get; private set; } = [];

    /// <summary>The quality score and freshness of each structure of the page.</summary>
    public IReadOnlyDictionary<int, (Freshness.Quality.QualityScore Quality, FreshnessState State)> Quality { get; private set; } = new Dictionary<int, (Freshness.Quality.QualityScore, FreshnessState)>();

    /// <summary>How many structures match, up to <see cref="CountLimit"/> (then "more than").</summary>
    public int Total { get; private set; }

    public bool HasNextPage { get; private set; }

    public string? Error { get; private set; }

    public static readonly IReadOnlyDictionary<string, StructureStatus> Statuses = new Dictionary<string, StructureStatus>
    {
        ["brouillon"] = StructureStatus.Draft,
        ["en-ligne"] = StructureStatus.Online,
        ["hors-ligne"] = StructureStatus.Offline,
        ["fermee"] = StructureStatus.PermanentlyClosed,
    };

    public async Task<IActionResult> OnGetAsync()
    {
        if (Query is { Length: > 200 } || (StatusFilter is { Length: > 0 } && !Statuses.ContainsKey(StatusFilter)) || PageNumber < 1 || PageNumber > CountLimit)
        {
            Error = localizer["Une valeur proposée dans la liste est attendue."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var query = Filtered();
        Total = await query.Take(CountLimit + 1).CountAsync(HttpContext.RequestAborted);
        var rows = await query
            .OrderBy(s => s.Status).ThenBy(s => s.SortName).ThenBy(s => s.Name).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(s => new StructureRow(
                s.Id,
                s.Name,
                s.Slug,
                s.PostalCode,
                s.City,
                s.Status,
                db.Memberships.Count(m => m.StructureId == s.Id),
                db.Memberships.Count(m => m.StructureId == s.Id && m.Role == MembershipRole.Manager),
                db.Invitations.Count(i => i.StructureId == s.Id && i.AcceptedAt == null)))
            .ToListAsync(HttpContext.RequestAborted);
        HasNextPage = rows.Count > PageSize;
        Rows = rows.Take(PageSize).ToList();
        var ids = Rows.Select(r => r.Id).ToList();
        var now = clock.GetUtcNow();
        var sheets = await db.Structures.AsNoTracking().Include(s => s.Services).AsSplitQuery().Where(s => ids.Contains(s.Id)).ToListAsync(HttpContext.RequestAborted);
        Quality = sheets.ToDictionary(s => s.Id, s => (Freshness.Quality.SheetQuality.Of(s, hours, now), FreshnessRules.StateOf(s, now)));
        return Page();
    }

    /// <summary>Puts a structure online or offline through its guarded transitions; the search index follows.</summary>
    public async Task<IActionResult> OnPostStatusAsync(int structureId, string target, string? returnUrl)
    {
        var structure = await db.Structures.FirstOrDefaultAsync(s => s.Id == structureId, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        var status = target switch
        {
            "en-ligne" => StructureStatus.Online,
            "hors-ligne" => StructureStatus.Offline,
            _ => (StructureStatus?)null,
        };
        if (status is null)
        {
            return BadRequest();
        }

        var outcome = await writer.ChangeStatusAsync(await writer.AuthorAsync(User), structure, status.Value, UpdatedDate.Moves, HttpContext.RequestAborted);
        switch (outcome)
        {
            case StatusChangeOutcome.ClosedForGood:
                await OnGetAsync();
                Error = localizer["Une structure fermée définitivement ne peut être ni remise en ligne ni mise hors ligne."];
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case StatusChangeOutcome.Changed or StatusChangeOutcome.Unchanged:
                break;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome}.");
        }

        var back = returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/mon-espace/coordination/structures", StringComparison.Ordinal)
            ? returnUrl
            : "/mon-espace/coordination/structures";
        return Redirect(back + (back.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "fait=" + target);
    }

    public string PageUrl(int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            parts.Add("q=" + Uri.EscapeDataString(Query.Trim()));
        }

        if (!string.IsNullOrEmpty(StatusFilter))
        {
            parts.Add("statut=" + Uri.EscapeDataString(StatusFilter));
        }

        if (WithoutManagerOnly)
        {
            parts.Add("sans-gestionnaire=true");
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/mon-espace/coordination/structures" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }

    private IQueryable<Structure> Filtered()
    {
        var query = db.Structures.AsNoTracking();
        if (StatusFilter is { Length: > 0 } && Statuses.TryGetValue(StatusFilter, out var status))
        {
            query = query.Where(s => s.Status == status);
        }

        if (Query?.Trim() is { Length: > 0 } text)
        {
            if (CodePattern().IsMatch(text))
            {
                // A postal code or an INSEE code: exact, the commune code is indexed.
                var code = text.ToUpperInvariant();
                query = query.Where(s => s.CommuneCode == code || s.PostalCode == code);
            }
            else if (communes.Find(text) is { } commune && TextFolding.Fold(commune.Name).Trim() == TextFolding.Fold(text).Trim())
            {
                // A commune of the guide, by its name: its indexed code rather than reading every row.
                query = query.Where(s => s.CommuneCode == commune.Code);
            }
            else
            {
                // Only the name: it is in the (status, name) index, so the scan reads no row but the matches.
                var lower = text.ToLowerInvariant();
                query = query.Where(s => s.Name.ToLower().Contains(lower));
            }
        }

        if (WithoutManagerOnly)
        {
            query = query.Where(s => !db.Memberships.Any(m => m.StructureId == s.Id && m.Role == MembershipRole.Manager));
        }

        return query;
    }

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex CodePattern();
}
