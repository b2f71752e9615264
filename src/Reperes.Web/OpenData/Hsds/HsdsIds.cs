using System.Security.Cryptography;
using System.Text;

namespace Reperes.Web.OpenData.Hsds;

/// <summary>
/// Identifiers of the HSDS objects that Repères does not store (locations, services at a location, schedules,
/// phones, taxonomy terms…): name-based UUIDs (RFC 9562 version 5, SHA-1) of a stable parent and a name, so that
/// the same object has the same id on every run, every server and every engine.
/// </summary>
public static class HsdsIds
{
    /// <summary>The namespace of the ids that have no stored parent (the taxonomy and its terms).</summary>
    public static readonly Guid Namespace = new("5b0f6c4e-7d0c-4f57-9a52-0d3c9b1e8a31");

    public static readonly Guid Taxonomy = Of(Namespace, "taxonomy");

    public static Guid Location(Guid structureUid) => Of(structureUid, "location");

    public static Guid ServiceAtLocation(Guid serviceUid, Guid locationId) => Of(serviceUid, $"service-at-location:{locationId}");

    public static Guid Term(string code) => Of(Taxonomy, $"term:{code}");

    /// <summary>A UUID version 5: SHA-1 of the namespace (network byte order) and the UTF-8 name.</summary>
    public static Guid Of(Guid parent, string name)
    {
        var space = parent.ToByteArray(bigEndian: true);
        var text = Encoding.UTF8.GetBytes(name);
        var input = new byte[space.Length + text.Length];
        space.CopyTo(input, 0);
        text.CopyTo(input, space.Length);
        var hash = SHA1.HashData(input).AsSpan(0, 16).ToArray();
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
