using Reperes.Web.Core.Structures;


namespace Reperes.Web.Freshness.Reports;

/// <summary>The part of a sheet a person says is wrong.</summary>
public enum ReportSection
{
    Contact = 0,
    Address = 1,
    Hours = 2,
    Services = 3,
    Description = 4,
    Closed = 5,
    Other = 6,
}

/// <summary>Where a report stands: open when received, in progress when someone looks at it, then resolved or rejected.</summary>
public enum ReportStatus
{
    Open = 0,
    InProgress = 1,
    Resolved = 2,
    Rejected = 3,
}

/// <summary>
/// "This information is wrong", sent by anyone from a public sheet without an account, and followed by the
/// structure's managers and the coordination until it is resolved or rejected (with a note saying why).
/// </summary>
public sealed class SheetReport
{
    public const int TextMaxLength = 2000;
    public const int NoteMaxLength = 2000;

    private SheetReport() { }

    public SheetReport(int structureId, ReportSection section, string text, string? contactEmail, DateTimeOffset at)
    {
        StructureId = structureId;
        Section = section;
        Text = text;
        ContactEmail = contactEmail;
        CreatedAt = at;
        Status = ReportStatus.Open;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public Structure Structure { get; private set; } = null!;
    public ReportSection Section { get; private set; }
    public string Text { get; private set; } = "";

    /// <summary>Given by the person only if they want an answer; never shown publicly.</summary>
    public string? ContactEmail { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public ReportStatus Status { get; private set; }
    public string? ResolutionNote { get; private set; }
    public string? ResolvedById { get; private set; }
    public string? ResolvedByName { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    public bool IsClosed => Status is ReportStatus.Resolved or ReportStatus.Rejected;

    /// <summary>Someone is looking at it: only an open report can be taken in hand.</summary>
    public void StartHandling()
    {
        Status = Status switch
        {
            ReportStatus.Open => ReportStatus.InProgress,
            ReportStatus.InProgress or ReportStatus.Resolved or ReportStatus.Rejected => throw new InvalidOperationException($"A report {Status} cannot be taken in hand."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
    }

    /// <summary>The sheet was corrected (or checked right): closes the report with what was done.</summary>
    public void Resolve(string userId, string userName, string? note, DateTimeOffset at) => Close(ReportStatus.Resolved, userId, userName, note, at);

    /// <summary>The report was wrong or not about the sheet: closes it, and a note must say why.</summary>
    public void Reject(string userId, string userName, string note, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new InvalidOperationException("A rejected report says why.");
        }

        Close(ReportStatus.Rejected, userId, userName, note, at);
    }

    /// <summary>Closed too early: back to open, the previous decision forgotten.</summary>
    public void Reopen()
    {
        Status = Status switch
        {
            ReportStatus.Resolved or ReportStatus.Rejected => ReportStatus.Open,
            ReportStatus.Open or ReportStatus.InProgress => throw new InvalidOperationException("Only a closed report can be reopened."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        ResolutionNote = null;
        ResolvedById = null;
        ResolvedByName = null;
        ResolvedAt = null;
    }

    private void Close(ReportStatus target, string userId, string userName, string? note, DateTimeOffset at)
    {
        Status = Status switch
        {
            ReportStatus.Open or ReportStatus.InProgress => target,
            ReportStatus.Resolved or ReportStatus.Rejected => throw new InvalidOperationException("This report is already closed."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        ResolutionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        ResolvedById = userId;
        ResolvedByName = userName;
        ResolvedAt = at;
    }
}
