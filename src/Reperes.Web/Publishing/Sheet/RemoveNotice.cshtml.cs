using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Sheet;

/// <summary>Removing a notice before its end asks first; a notice of another structure is not found here.</summary>
[Authorize]
public sealed class RemoveNoticeModel(ReperesDbContext db, IAuthorizationService authorization, StructureWriter writer) : PageModel
{
    public Structure Structure { get; private set; } = null!;

    public Notice Notice { get; private set; } = null!;

    public string? ServiceName => Notice.ServiceId is { } id ? Structure.Services.FirstOrDefault(v => v.Id == id)?.Name : null;

    public async Task<IActionResult> OnGetAsync(string slug, int id) => await LoadAsync(slug, id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, int id)
    {
        if (await LoadAsync(slug, id) is { } refusal)
        {
            return refusal;
        }

        var change = NoticeFields.Removed(Notice, ServiceName);
        Structure.Notices.Remove(Notice);
        db.Notices.Remove(Notice);
        await writer.SaveAsync(User, Structure, [change], HttpContext.RequestAborted);
        return Redirect($"{EditArea.Url(Structure, "fermetures")}?fait=retiree");
    }

    private async Task<IActionResult?> LoadAsync(string slug, int id)
    {
        var (structure, refusal) = await EditArea.OpenAsync(this, db, authorization, slug);
        if (structure is null)
        {
            return refusal;
        }

        Structure = structure;
        if (structure.Notices.FirstOrDefault(n => n.Id == id) is not { } notice)
        {
            return NotFound();
        }

        Notice = notice;
        return null;
    }
}
