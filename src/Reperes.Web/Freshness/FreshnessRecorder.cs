using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Freshness;

/// <summary>
/// Records that a structure's information was confirmed, whatever the way (link, phone, visit, edit): a verification
/// row, the sheet verified when every section is covered, and the campaigns this answer completes. The caller saves.
/// </summary>
public sealed class FreshnessRecorder(ReperesDbContext db)
{
    public async Task<Verification> RecordAsync(
        Structure structure,
        VerificationMethod method,
        SheetSections sections,
        string? byUserId,
        string? byEmail,
        int? campaignId,
        string? note,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var verification = new Verification(structure.Id, now, method, sections, byUserId, byEmail, campaignId, note);
        db.Verifications.Add(verification);
        await CompleteAsync(structure, method, sections, now, cancellationToken);
        return verification;
    }

    /// <summary>
    /// Through a link: records the sections newly confirmed, marks the link's campaign as started, and once the link's
    /// sections are all confirmed, completes what they answer. Returns the sections newly confirmed.
    /// </summary>
    public async Task<SheetSections> ConfirmThroughLinkAsync(UpdateLink link, Structure structure, SheetSections sections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var confirmed = link.Confirm(sections, now);
        if (confirmed == SheetSections.None)
        {
            return confirmed;
        }

        db.Verifications.Add(new Verification(structure.Id, now, VerificationMethod.Link, confirmed, link.RecipientUserId, link.RecipientEmail, link.CampaignId, null));
        await StartCampaignAsync(link, structure.Id, now, cancellationToken);

        if (link.UsedAt is not null)
        {
            await CompleteAsync(structure, VerificationMethod.Link, link.ConfirmedSections, now, cancellationToken);
        }

        return confirmed;
    }

    /// <summary>A link of a campaign opened or used: the structure's row of that campaign is started.</summary>
    public async Task StartCampaignAsync(UpdateLink link, int structureId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (link.CampaignId is { } campaignId)
        {
            var target = await db.CampaignStructures.FirstOrDefaultAsync(t => t.CampaignId == campaignId && t.StructureId == structureId, cancellationToken);
            target?.Start(now);
        }
    }

    private async Task CompleteAsync(Structure structure, VerificationMethod method, SheetSections covered, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((covered & SheetSections.All) == SheetSections.All)
        {
            structure.Verify(now);
        }

        // Every open campaign of this structure whose sections this answer covers is done.
        var targets = await db.CampaignStructures.Include(t => t.Campaign)
            .Where(t => t.StructureId == structure.Id && t.Progress != CampaignProgress.Done)
            .ToListAsync(cancellationToken);
        foreach (var target in targets.Where(t => (t.Campaign.Sections & ~covered) == SheetSections.None))
        {
            target.Complete(method, now);
        }
    }
}
