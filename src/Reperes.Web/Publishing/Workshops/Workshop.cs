using Reperes.Web.Core.Structures;

namespace Reperes.Web.Publishing.Workshops;

/// <summary>
/// A mediation session in a structure: its facilitator enters participants' articles under a first name or
/// pseudonym, with their consent to publish; the articles then go through moderation like any other.
/// </summary>
public sealed class Workshop
{
    private Workshop() { }

    public Workshop(int structureId, string title, DateOnly heldOn, string facilitatorId, string facilitatorName, DateTimeOffset at)
    {
        StructureId = structureId;
        Title = title.Trim();
        HeldOn = heldOn;
        FacilitatorId = facilitatorId;
        FacilitatorName = facilitatorName;
        CreatedAt = at;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public string Title { get; private set; } = "";
    public DateOnly HeldOn { get; private set; }
    public string FacilitatorId { get; private set; } = "";
    public string FacilitatorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public bool IsOpen => ClosedAt is null;

    public void Close(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException("This workshop is already closed.");
        }

        ClosedAt = at;
    }

    public void Reopen()
    {
        ClosedAt = null;
    }
}
