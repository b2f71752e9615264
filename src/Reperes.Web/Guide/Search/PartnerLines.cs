using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>What a professional sees on a result card and the public does not: the direct contact, the services that take referrals.</summary>
public sealed record PartnerLine(string? Contact, IReadOnlyList<string> ReferralServices)
{
    /// <summary>The key of the results' view data holding the lines by structure id (professionals only).</summary>
    public const string ViewDataKey = "PartnerLines";

    /// <summary>The lines of the places shown (a page of results: a few dozen ids), for those that have one.</summary>
    public static async Task<IReadOnlyDictionary<int, PartnerLine>> ForAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken)
    {
        if (structureIds.Count == 0)
        {
            return new Dictionary<int, PartnerLine>();
        }

        var rows = await db.Structures.AsNoTracking()
            .Where(s => structureIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.ProfessionalContact,
                Referrals = s.Services.Where(v => v.AcceptsReferrals).OrderBy(v => v.Name).Select(v => v.Name).ToList(),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.ProfessionalContact is not null || r.Referrals.Count > 0)
            .ToDictionary(r => r.Id, r => new PartnerLine(r.ProfessionalContact, r.Referrals));
    }
}
