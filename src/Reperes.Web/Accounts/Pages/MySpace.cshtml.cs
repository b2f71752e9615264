using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Accounts.Pages;

public sealed record MyStructure(string Name, string Slug, MembershipRole Role, StructureStatus Status, DateTimeOffset UpdatedAt, DateTimeOffset? VerifiedAt);

/// <summary>"Mon espace": the structures I belong to, with what needs my attention first.</summary>
[Authorize]
public sealed class MySpaceModel(ReperesDbContext db, UserManager<ReperesUser> users) : PageModel
{
    public ReperesUser Me { get; private set; } = null!;

    /// <summary>Just left a structure's team (see LeaveStructure).</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "quitte")]
    public bool Left { get; set; }

    public IReadOnlyList<string> NetworkRoles { get; private set; } = [];

    public IReadOnlyList<MyStructure> Structures { get; private set; } = [];

    /// <summary>Proposals waiting for my decision.</summary>
    public int AwaitingValidation { get; private set; }

    /// <summary>My own publications still to finish (drafts) or to review (refused).</summary>
    public int MyDrafts { get; private set; }

    public int MyRefused { get; private set; }

    public async Task OnGetAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        NetworkRoles = (await users.GetRolesAsync(Me)).ToList();
        var structures = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == Me.Id)
            .Select(m => new { m.Structure.Name, m.Structure.Slug, m.Role, m.Structure.Status, m.Structure.UpdatedAt, m.Structure.VerifiedAt })
            .ToListAsync(HttpContext.RequestAborted);

        // The least recently verified first: they are the ones to look at.
        Structures = structures
            .Select(s => new MyStructure(s.Name, s.Slug, s.Role, s.Status, s.UpdatedAt, s.VerifiedAt))
            .OrderBy(s => s.VerifiedAt ?? DateTimeOffset.MinValue)
            .ToList();
        AwaitingValidation = (await ModerationQueue.QueueAsync(db, User, Me.Id, 1000, HttpContext.RequestAborted)).Count;
        var mine = await db.Publications.AsNoTracking()
            .Where(p => p.AuthorId == Me.Id && (p.Status == PublicationStatus.Draft || p.Status == PublicationStatus.Refused))
            .GroupBy(p => p.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(HttpContext.RequestAborted);
        MyDrafts = mine.Where(m => m.Status == PublicationStatus.Draft).Sum(m => m.Count);
        MyRefused = mine.Where(m => m.Status == PublicationStatus.Refused).Sum(m => m.Count);
    }
}
