namespace Reperes.Web.Core.Structures;

/// <summary>
/// One confirmation that a structure's information is still right (all of it, or some sections): who, when, how.
/// The history of a sheet's freshness, distinct from the history of its changes.
/// </summary>
public sealed class Verification
{
    private Verification() { }

    public Verification(int structureId, DateTimeOffset at, VerificationMethod method, SheetSections sections, string? byUserId, string? byEmail, int? campaignId, string? note)
    {
        if (sections == SheetSections.None)
        {
            throw new ArgumentException("A verification confirms at least one section.", nameof(sections));
        }

        StructureId = structureId;
        At = at;
        Method = method;
        Sections = sections & SheetSections.All;
        ByUserId = byUserId;
        ByEmail = byEmail;
        CampaignId = campaignId;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public DateTimeOffset At { get; private set; }
    public VerificationMethod Method { get; private set; }
    public SheetSections Sections { get; private set; }

    /// <summary>The account that confirmed or recorded the answer, when known.</summary>
    public string? ByUserId { get; private set; }

    /// <summary>The address the confirming link was sent to.</summary>
    public string? ByEmail { get; private set; }

    public int? CampaignId { get; private set; }
    public string? Note { get; private set; }
}
