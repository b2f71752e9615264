using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>Removing a service asks first (a page, so that it works without JavaScript); its own notices go with it.</summary>
[Authorize]
public sealed class RemoveServiceModel(ReperesDbContext db, IAuthorizationService authorization, GuideCatalog catalog, StructureWriter writer) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public Service Service { get; private set; } = null!;

    public IReadOnlyList<Notice> ServiceNotices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, int id) => await LoadAsync(slug, id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refusal)
        {
            return refusal;
        }

        var changes = ServiceFields.Diff(Service.Name, ServiceFields.Snapshot(Service, catalog.Category(Service.CategoryId)), null);
        foreach (var notice in ServiceNotices)
        {
            changes.Add(NoticeFields.Removed(notice, Service.Name));
            Structure.Notices.Remove(notice);
            db.Notices.Remove(notice);
        }

        Structure.Services.Remove(Service);
        db.Services.Remove(Service);
        await writer.SaveAsync(User, Structure, changes, HttpContext.RequestAborted);
        return Redirect($"{EditArea.Url(Structure)}?fait=service-retire#services");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int id)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        if (structure.Services.FirstOrDefault(v => v.Id == id) is not { } service)
        {
            return NotFound();
        }

        Service = service;
        ServiceNotices = structure.Notices.Where(n => n.ServiceId == id).OrderBy(n => n.StartsOn).ToList();
        return null;
    }
}
