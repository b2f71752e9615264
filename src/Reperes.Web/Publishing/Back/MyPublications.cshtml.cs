using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Back;

public sealed record MyPublication(int Id, PublicationKind Kind, PublicationStatus Status, string Title, string? StructureName, string? Signature, DateTimeOffset UpdatedAt, DateTimeOffset? PublishFrom, string? RefusalReason);

/// <summary>What I wrote, by state: what to finish, what waits, what was refused and why, what is online.</summary>
[Authorize]
public sealed class MyPublicationsModel(ReperesDbContext db, UserManager<ReperesUser> users, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MyPublication> Items { get; private set; } = [];

    public IReadOnlyList<StructureChoice> Structures { get; private set; } = [];

    public bool MayWriteForNetwork { get; private set; }

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync()
    {
        var userId = users.GetUserId(User)!;
        MayWriteForNetwork = PublicationRights.MayWriteForNetwork(User);
        Structures = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Structure.SortName).ThenBy(m => m.Structure.Name)
            .Select(m => new StructureChoice(m.Structure.Slug, m.Structure.Name)).ToListAsync(HttpContext.RequestAborted);
        Items = await db.Publications.AsNoTracking().Where(p => p.AuthorId == userId)
            .OrderByDescending(p => p.UpdatedAt).Take(500)
            .Select(p => new MyPublication(p.Id, p.Kind, p.Status, p.Title, p.Structure != null ? p.Structure.Name : null, p.Signature, p.UpdatedAt, p.PublishFrom, p.RefusalReason))
            .ToListAsync(HttpContext.RequestAborted);
    }
}
