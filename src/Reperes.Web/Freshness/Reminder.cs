namespace Reperes.Web.Freshness;

/// <summary>
/// A reminder sent about one structure at one step of one due cycle. The cycle is named by the due date it answers,
/// so that a verification (which moves the due date) starts a new cycle; the unique (structure, due date, step)
/// makes sending idempotent even when two runs of the job overlap.
/// </summary>
public sealed class Reminder
{
    private Reminder() { }

    public Reminder(int structureId, DateTimeOffset dueAt, int step, DateTimeOffset sentAt, int recipientCount)
    {
        if (step < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), "A step is 0 or more.");
        }

        StructureId = structureId;
        DueAt = dueAt;
        Step = step;
        SentAt = sentAt;
        RecipientCount = recipientCount;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }

    /// <summary>The due date of the cycle this reminder belongs to.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>0 for the first reminder of the cycle, then 1, 2…</summary>
    public int Step { get; private set; }

    public DateTimeOffset SentAt { get; private set; }

    /// <summary>Managers it was sent to (0: the structure has no manager to remind).</summary>
    public int RecipientCount { get; private set; }
}
