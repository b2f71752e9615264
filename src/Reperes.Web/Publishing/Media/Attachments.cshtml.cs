using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Media;

/// <summary>The photos, recordings, videos and documents of a publication: add (checked by content), describe, remove.</summary>
[Authorize]
[RequestSizeLimit(UploadChecker.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = UploadChecker.MaxRequestBytes)]
public sealed class AttachmentsModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    MediaStore store,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxAttachments = 30;

    [BindProperty]
    public IFormFile? Upload { get; set; }

    /// <summary>The file whose removal is being confirmed (?retirer=id): removing deletes it for good.</summary>
    [BindProperty(SupportsGet = true, Name = "retirer")]
    public int? ToRemove { get; set; }

    [BindProperty]
    public string? AltText { get; set; }

    [BindProperty]
    public string? Caption { get; set; }

    [BindProperty]
    public string? VideoUrl { get; set; }

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? Done { get; set; }

    public Publication Publication { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        var check = await UploadChecker.CheckAsync(Upload, HttpContext.RequestAborted);
        if (check.Error is { } error)
        {
            ModelState.AddModelError(nameof(Upload), check.ErrorArgument is { } argument ? localizer[error, argument] : localizer[error]);
        }

        if (check.Upload is { Kind: AttachmentKind.Image } && string.IsNullOrWhiteSpace(AltText))
        {
            ModelState.AddModelError(nameof(AltText), localizer["Décrivez l’image en quelques mots, pour les personnes qui ne la voient pas."]);
        }

        ValidateTexts();
        if (!ModelState.IsValid || check.Upload is not { } upload)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow();
        var storedName = await store.SaveAsync(upload.Content, upload.Extension, HttpContext.RequestAborted);
        var smallName = upload.Small is { } small ? await store.SaveAsync(small.Bytes, small.Extension, HttpContext.RequestAborted) : null;
        var originalName = Path.GetFileName((Upload!.FileName ?? "").Replace('\\', '/'));
        var attachment = Attachment.ForFile(Publication.Id, upload.Kind, storedName, upload.ContentType, upload.Content.Length, originalName.Length > 255 ? originalName[..255] : originalName, now);
        attachment.Describe(AltText, Caption);
        if (upload is { Kind: AttachmentKind.Image, Width: { } width, Height: { } height })
        {
            attachment.SetImage(width, height, smallName);
        }

        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Publishing/Media/Attachments", new { id = Publication.Id, etat = "ajoute" });
    }

    public async Task<IActionResult> OnPostVideoLinkAsync(int id)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(VideoUrl) || VideoUrl.Length > 500
            || !Uri.TryCreate(VideoUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            ModelState.AddModelError(nameof(VideoUrl), localizer["Collez l’adresse complète de la vidéo (qui commence par https://)."]);
        }

        ValidateTexts();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var attachment = Attachment.ForVideoLink(Publication.Id, VideoUrl!.Trim(), clock.GetUtcNow());
        attachment.Describe(null, Caption);
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage("/Publishing/Media/Attachments", new { id = Publication.Id, etat = "ajoute" });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int id, int attachmentId)
    {
        if (await LoadAsync(id) is { } refusal)
        {
            return refusal;
        }

        // Only an attachment of this publication: an id of another one changes nothing.
        var attachment = await db.Attachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.PublicationId == Publication.Id, HttpContext.RequestAborted);
        if (attachment is null)
        {
            return NotFound();
        }

        db.Attachments.Remove(attachment);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        store.Delete(attachment.StoredName);
        store.Delete(attachment.SmallName);
        return RedirectToPage("/Publishing/Media/Attachments", new { id = Publication.Id, etat = "retire" });
    }

    private void ValidateTexts()
    {
        if (AltText?.Length > 300)
        {
            ModelState.AddModelError(nameof(AltText), localizer["La description est trop longue : 300 caractères au plus."]);
        }

        if (Caption?.Length > 300)
        {
            ModelState.AddModelError(nameof(Caption), localizer["La légende est trop longue : 300 caractères au plus."]);
        }

        if (Publication.Attachments.Count >= MaxAttachments)
        {
            ModelState.AddModelError("", localizer["Une publication peut avoir {0} fichiers au plus.", MaxAttachments]);
        }
    }

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var publication = await db.Publications.AsNoTracking().Include(p => p.Attachments).Include(p => p.Structure)
            .FirstOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (publication is null)
        {
            return NotFound();
        }

        if (!publication.CanEditContent || !(await authorization.AuthorizeAsync(User, publication, PublicationOperations.Edit)).Succeeded)
        {
            return Forbid();
        }

        Publication = publication;
        return null;
    }
}
