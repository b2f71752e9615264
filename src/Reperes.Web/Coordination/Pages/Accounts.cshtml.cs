using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Coordination.Pages;

public sealed record AccountStructure(string Name, string Slug, MembershipRole Role);

public sealed record AccountRow(string Id, string Name, string Email, DateTimeOffset CreatedAt, bool Locked, IReadOnlyList<string> Roles, IReadOnlyList<AccountStructure> Structures);

/// <summary>Every account, for the coordination: search by name or e-mail, filter by network role or lock.</summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class AccountsModel(ReperesDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>A network role (coordinator, moderator, contributor), or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "role")]
    public string? RoleFilter { get; set; }

    [BindProperty(SupportsGet = true, Name = "bloques")]
    public bool LockedOnly { get; set; }

    // From the query: "page" is also the route value naming the Razor page.
    [BindProperty(SupportsGet = true)]
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AccountRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public bool HasNextPage { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (Query is { Length: > 200 } || (RoleFilter is { Length: > 0 } && !NetworkRoles.All.Contains(RoleFilter)) || PageNumber is < 1 or > 100_000)
        {
            Error = localizer["Une valeur proposée dans la liste est attendue."];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (Query?.Trim() is { Length: > 0 } text)
        {
            var upper = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(upper) || u.DisplayName.ToLower().Contains(lower));
        }

        if (RoleFilter is { Length: > 0 } role)
        {
            var normalized = role.ToUpperInvariant();
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == normalized)));
        }

        if (LockedOnly)
        {
            query = query.Where(u => u.LockoutEnd != null && u.LockoutEnd > now);
        }

        Total = await query.CountAsync(HttpContext.RequestAborted);
        var users = await query.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.CreatedAt, u.LockoutEnd })
            .ToListAsync(HttpContext.RequestAborted);
        HasNextPage = users.Count > PageSize;
        users = users.Take(PageSize).ToList();

        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(HttpContext.RequestAborted);
        var structures = await db.Memberships.Where(m => ids.Contains(m.UserId))
            .OrderBy(m => m.Structure.SortName).ThenBy(m => m.Structure.Name)
            .Select(m => new { m.UserId, m.Structure.Name, m.Structure.Slug, m.Role })
            .ToListAsync(HttpContext.RequestAborted);
        Rows = users.Select(u => new AccountRow(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                u.CreatedAt,
                u.LockoutEnd > now,
                roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order(StringComparer.Ordinal).ToList(),
                structures.Where(s => s.UserId == u.Id).Select(s => new AccountStructure(s.Name, s.Slug, s.Role)).ToList()))
            .ToList();
        return Page();
    }

    public string PageUrl(int page)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            parts.Add("q=" + Uri.EscapeDataString(Query.Trim()));
        }

        if (!string.IsNullOrEmpty(RoleFilter))
        {
            parts.Add("role=" + Uri.EscapeDataString(RoleFilter));
        }

        if (LockedOnly)
        {
            parts.Add("bloques=true");
        }

        if (page > 1)
        {
            parts.Add("page=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return "/mon-espace/coordination/comptes" + (parts.Count > 0 ? "?" + string.Join('&', parts) : "");
    }
}
