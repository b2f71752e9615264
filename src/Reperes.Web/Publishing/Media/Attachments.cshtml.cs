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
    MediaQuota quota,
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

    /// <summary>The space the files of the publication's structure (or of the network) take, out of the quota.</summary>
    public MediaSpace Space { get; private set; } = null!;

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

        if (!Space.Allows(upload.Length))
        {
            return QuotaRefusal(upload.Length);
        }

        var now = clock.GetUtcNow();
        string storedName;
        await using (var content = upload.OpenContent())
        {
            storedName = await store.SaveAsync(content, upload.Extension, HttpContext.RequestAborted);
        }

        string? smallName = null;
        try
        {
            smallName = upload.Small is { } small ? await store.SaveAsync(small.Bytes, small.Extension, HttpContext.RequestAborted) : null;
            var originalName = Path.GetFileName((Upload!.FileName ?? "").Replace('\\', '/'));
            var attachment = Attachment.ForFile(Publication.Id, upload.Kind, storedName, upload.ContentType, upload.Length, originalName.Length > 255 ? originalName[..255] : originalName, now);
            attachment.Describe(AltText, Caption);
            if (upload is { Kind: AttachmentKind.Image, Width: { } width, Height: { } height })
            {
                attachment.SetImage(width, height, smallName);
            }

            db.Attachments.Add(attachment);
            await db.SaveChangesAsync(HttpContext.RequestAborted);

            // Two uploads at once may each have fitted alone: the one that goes past the quota is taken back.
            var after = await quota.SpaceAsync(Publication.StructureId, Publication.Structure?.Name, HttpContext.RequestAborted);
            if (after.IsExceeded)
            {
                db.Attachments.Remove(attachment);
                await db.SaveChangesAsync(CancellationToken.None);
                store.Delete(storedName);
                store.Delete(smallName);
                Space = after with { UsedBytes = after.UsedBytes - upload.Length };
                return QuotaRefusal(upload.Length);
            }
        }
        catch
        {
            store.Delete(storedName);
            store.Delete(smallName);
            throw;
        }

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

    private PageResult QuotaRefusal(long size)
    {
        ModelState.AddModelError(nameof(Upload), localizer[
            "Il ne reste pas assez de place pour ce fichier de {0} Mo : {1} Mo sont déjà utilisés sur les {2} Mo permis. Pour faire de la place, retirez des fichiers dont vous n’avez plus besoin (anciennes vidéos, doublons) depuis la page des fichiers de chaque publication, ou publiez les longues vidéos sur un hébergeur comme PeerTube et ajoutez ici leur lien.",
            MediaSpace.Megabytes(size), MediaSpace.Megabytes(Space.UsedBytes), MediaSpace.Megabytes(Space.QuotaBytes)]);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
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
        Space = await quota.SpaceAsync(publication.StructureId, publication.Structure?.Name, HttpContext.RequestAborted);
        return null;
    }
}
