namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// Which structure an item of an imported file became: re-importing the file updates that structure instead of
/// creating another. Keeps what the last import wrote, so that changes made since by hand in Repères are told
/// apart from changes of the source.
/// </summary>
public sealed class ExternalReference
{
    private ExternalReference() { }

    public ExternalReference(string source, string externalId, int structureId, string format, IReadOnlyDictionary<string, string?> importedValues, DateTimeOffset at)
    {
        Source = source;
        ExternalId = externalId;
        StructureId = structureId;
        Format = format;
        Record(importedValues, at);
    }

    public int Id { get; private set; }

    /// <summary>The producer of the data (data·inclusion "source", or the name given to the import).</summary>
    public string Source { get; private set; } = "";

    /// <summary>The item's identifier in that source (data·inclusion: "&lt;source&gt;--&lt;local id&gt;").</summary>
    public string ExternalId { get; private set; } = "";

    public int StructureId { get; private set; }
    public string Format { get; private set; } = "";

    /// <summary>The fields as the last import wrote them (JSON object field → text).</summary>
    public string ImportedValues { get; private set; } = "{}";

    public DateTimeOffset ImportedAt { get; private set; }

    public Dictionary<string, string?> ImportedValueMap =>
        System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string?>>(ImportedValues) ?? [];

    public void Record(IReadOnlyDictionary<string, string?> importedValues, DateTimeOffset at)
    {
        ImportedValues = System.Text.Json.JsonSerializer.Serialize(importedValues);
        ImportedAt = at;
    }
}
