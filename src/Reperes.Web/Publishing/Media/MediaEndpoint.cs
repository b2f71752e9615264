using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Media;

/// <summary>
/// Serves attachments: to everyone when their publication is public, otherwise only to those who may read it.
/// Served with the type found in their content, never sniffed again by the browser, documents as downloads.
/// </summary>
public static class MediaEndpoint
{
    public static void MapMedia(this IEndpointRouteBuilder app) =>
        app.MapGet("/medias/{name}", async (string name, HttpContext context, ReperesDbContext db, MediaStore store, IAuthorizationService authorization, TimeProvider clock) =>
        {
            if (store.PathOf(name) is not { } path)
            {
                return Results.NotFound();
            }

            var attachment = await db.Attachments.AsNoTracking()
                .Where(a => a.StoredName == name || a.SmallName == name)
                .Select(a => new { a.PublicationId, a.Kind, a.ContentType, a.OriginalName, Small = a.SmallName == name })
                .FirstOrDefaultAsync(context.RequestAborted);
            if (attachment is null)
            {
                return Results.NotFound();
            }

            var publication = await db.Publications.AsNoTracking().Include(p => p.Structure).FirstAsync(p => p.Id == attachment.PublicationId, context.RequestAborted);
            var isPublic = PublicData.IsPublic(publication, clock.GetUtcNow());
            if (!isPublic && !(await authorization.AuthorizeAsync(context.User, publication, PublicationOperations.Read)).Succeeded)
            {
                return Results.NotFound();
            }

            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox";
            headers.CacheControl = isPublic ? "public, max-age=86400" : "private, no-store";
            var contentType = attachment.Small ? (name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg") : attachment.ContentType;
            return attachment.Kind == AttachmentKind.Document
                ? Results.File(path, contentType, attachment.OriginalName.Length > 0 ? attachment.OriginalName : name, enableRangeProcessing: true)
                : Results.File(path, contentType, enableRangeProcessing: true);
        });
}
