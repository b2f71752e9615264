using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Translations;
using Reperes.Web.Data;

namespace Reperes.Web.Translations.Pages;

/// <summary>
/// Where translators start: the sheets and publications one may translate (all of them for the network's translators
/// and the coordinator, their own structures' for managers), with the translations to update first.
/// </summary>
[Authorize]
public sealed class TranslationsModel(ReperesDbContext db, UserManager<ReperesUser> users) : PageModel
{
    public sealed record SheetRow(string Slug, string Name, int Translated, int Outdated, int Machine);

    public sealed record PublicationRow(int Id, string Title, string? StructureName, int Translated, int Outdated);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<SheetRow> Sheets { get; private set; } = [];

    public IReadOnlyList<PublicationRow> Publications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        var network = TranslationOperations.TranslatesForNetwork(User);
        var managed = network
            ? null
            : await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.Role == MembershipRole.Manager).Select(m => m.StructureId).ToListAsync(HttpContext.RequestAborted);
        if (managed is { Count: 0 })
        {
            return Forbid();
        }

        if (Query is { Length: > 100 })
        {
            Query = Query[..100];
        }

        var structures = db.Structures.AsNoTracking().Where(s => s.Status == StructureStatus.Online || s.Status == StructureStatus.Offline);
        if (managed is not null)
        {
            structures = db.Structures.AsNoTracking().Where(s => managed.Contains(s.Id));
        }

        if (Query?.Trim() is { Length: > 0 } q)
        {
            var key = Core.Text.FrenchOrder.Key(q);
            structures = structures.Where(s => s.SortName.Contains(key));
        }

        var rows = await structures.OrderBy(s => s.SortName).Take(300).Select(s => new { s.Id, s.Slug, s.Name }).ToListAsync(HttpContext.RequestAborted);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.StructureId != null && ids.Contains(t.StructureId.Value) && t.Subject != TranslationSubject.Publication)
            .GroupBy(t => t.StructureId!.Value)
            .Select(g => new { Id = g.Key, Translated = g.Count(), Outdated = g.Count(t => t.OutdatedSince != null), Machine = g.Count(t => t.IsMachine) })
            .ToDictionaryAsync(c => c.Id, HttpContext.RequestAborted);
        Sheets = rows
            .Select(r => counts.TryGetValue(r.Id, out var c) ? new SheetRow(r.Slug, r.Name, c.Translated, c.Outdated, c.Machine) : new SheetRow(r.Slug, r.Name, 0, 0, 0))
            .OrderByDescending(r => r.Outdated > 0)
            .ToList();

        var publications = db.Publications.AsNoTracking().Where(p => p.Status == PublicationStatus.Published);
        if (managed is not null)
        {
            publications = publications.Where(p => p.StructureId != null && managed.Contains(p.StructureId.Value));
        }

        var latest = await publications.OrderByDescending(p => p.PublishFrom).Take(30)
            .Select(p => new { p.Id, p.Title, StructureName = p.Structure == null ? null : p.Structure.Name })
            .ToListAsync(HttpContext.RequestAborted);
        var publicationIds = latest.Select(p => p.Id).ToList();
        var publicationCounts = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Subject == TranslationSubject.Publication && publicationIds.Contains(t.SubjectId))
            .GroupBy(t => t.SubjectId)
            .Select(g => new { Id = g.Key, Translated = g.Count(), Outdated = g.Count(t => t.OutdatedSince != null) })
            .ToDictionaryAsync(c => c.Id, HttpContext.RequestAborted);
        Publications = latest
            .Select(p => publicationCounts.TryGetValue(p.Id, out var c) ? new PublicationRow(p.Id, p.Title, p.StructureName, c.Translated, c.Outdated) : new PublicationRow(p.Id, p.Title, p.StructureName, 0, 0))
            .ToList();
        return Page();
    }
}
