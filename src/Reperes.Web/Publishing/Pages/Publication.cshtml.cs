using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;

namespace Reperes.Web.Publishing.Pages;

/// <summary>A publication as the public reads it; its author and those who validate it also see it before.</summary>
public sealed class PublicationModel(ReperesDbContext db, IAuthorizationService authorization, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReperesOptions> options) : PageModel
{
    public string PublicUrl => $"{options.Value.BaseUrl(Request)}/publications/{Publication.Id}";

    public string? StructureUrl => Publication.Structure is { } s ? $"{options.Value.BaseUrl(Request)}/structure/{s.Slug}" : null;

    public Publication Publication { get; private set; } = null!;

    public string BodyHtml { get; private set; } = "";

    /// <summary>Not public yet (or any more): shown to its author or a moderator with a banner.</summary>
    public bool IsPreview { get; private set; }

    public bool CanEdit { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var publication = await db.Publications.AsNoTracking()
            .Include(p => p.Structure)
            .Include(p => p.Attachments)
            .Include(p => p.Needs)
            .AsSplitQuery()
            .FirstOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (publication is null)
        {
            return NotFound();
        }

        var isPublic = PublicData.IsPublic(publication, Now);
        var mayRead = User.Identity?.IsAuthenticated == true
            && (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Read)).Succeeded;
        if (!isPublic && !mayRead)
        {
            return NotFound();
        }

        Publication = publication;
        IsPreview = !isPublic;
        CanEdit = mayRead && (await authorization.AuthorizeAsync(User, publication, PublicationOperations.Edit)).Succeeded;
        BodyHtml = SafeMarkdown.ToHtml(publication.Body);
        await Core.Translations.ContentTexts.IncludeAsync(HttpContext, [], [publication.Id]);
        ViewData["Demo"] = publication.Structure?.IsDemo == true;
        if (IsPreview)
        {
            Response.Headers.CacheControl = "no-store";
        }

        return Page();
    }
}
