using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Referrals.Pages;

/// <summary>A line of the lists: what identifies a request without its content.</summary>
public sealed record ReferralLine(int Id, string ServiceName, string StructureName, ReferralState State, DateTimeOffset SentAt, DateTimeOffset? DecidedAt);

/// <summary>
/// "Mes adressages": the requests I sent and their states; for the members of a structure, the requests it received
/// and its own counts.
/// </summary>
[Authorize]
public sealed class ReferralsModel(ReperesDbContext db, UserManager<ReperesUser> users) : PageModel
{
    public const int MaxLines = 200;

    public IReadOnlyList<ReferralLine> Sent { get; private set; } = [];

    public IReadOnlyList<ReferralLine> Received { get; private set; } = [];

    public IReadOnlyList<ReferralServiceCount> Counts { get; private set; } = [];

    public bool IsMember { get; private set; }

    public async Task OnGetAsync()
    {
        var me = users.GetUserId(User)!;
        var structureIds = await db.Memberships.AsNoTracking().Where(m => m.UserId == me).Select(m => m.StructureId).ToListAsync(HttpContext.RequestAborted);
        IsMember = structureIds.Count > 0;
        Sent = await Lines(db.Referrals.Where(r => r.SenderId == me && r.ErasedAt == null));
        if (IsMember)
        {
            Received = await Lines(db.Referrals.Where(r => structureIds.Contains(r.StructureId) && r.ErasedAt == null));
            Counts = await ReferralCounts.ForAsync(db, structureIds, HttpContext.RequestAborted);
        }
    }

    private Task<List<ReferralLine>> Lines(IQueryable<Referral> query) => query.AsNoTracking()
        .OrderBy(r => r.State == ReferralState.Sent ? 0 : 1).ThenByDescending(r => r.Id)
        .Take(MaxLines)
        .Join(db.Structures, r => r.StructureId, s => s.Id, (r, s) => new ReferralLine(r.Id, r.ServiceName, s.Name, r.State, r.SentAt, r.DecidedAt ?? r.ExpiredAt))
        .ToListAsync(HttpContext.RequestAborted);
}
