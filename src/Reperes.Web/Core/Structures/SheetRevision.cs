using System.Text.Json;

namespace Reperes.Web.Core.Structures;

/// <summary>One change of a field of a sheet, in words a person reads.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

/// <summary>Every save of a sheet keeps who changed what, and when.</summary>
public sealed class SheetRevision
{
    private SheetRevision() { }

    public SheetRevision(int structureId, string userId, string authorName, DateTimeOffset at, IReadOnlyList<FieldChange> changes)
    {
        StructureId = structureId;
        UserId = userId;
        AuthorName = authorName;
        At = at;
        Changes = JsonSerializer.Serialize(changes);
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public string UserId { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>The changed fields as JSON ([{ Field, Before, After }]).</summary>
    public string Changes { get; private set; } = "[]";

    public IReadOnlyList<FieldChange> ChangeList => JsonSerializer.Deserialize<List<FieldChange>>(Changes) ?? [];
}
