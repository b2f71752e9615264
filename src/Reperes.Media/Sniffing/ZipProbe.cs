// Hand-written on purpose: works on the head of a file only (ZipArchive needs the whole file and its end), reading local entries to recognise office files and their macros; see MediaSniffer.
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Reperes.Media;

/// <summary>
/// ZIP-based uploads are refused unless they are positively an OpenDocument text (its first entry is the stored
/// "mimetype") or an Office Open XML word-processing or spreadsheet document (its "[Content_Types].xml" names the
/// main part). Entries are found by their local headers, so only the bytes passed are examined.
/// </summary>
internal static class ZipProbe
{
    private const int MaxEntries = 10_000;
    private const int MaxContentTypesLength = 256 * 1024;
    private const string OdtMime = "application/vnd.oasis.opendocument.text";

    private readonly record struct LocalEntry(string Name, int Method, int Flags, int DataStart, int CompressedSize);

    public static MediaType Identify(ReadOnlySpan<byte> head)
    {
        var entries = ReadLocalEntries(head);
        if (entries.Count == 0)
        {
            return MediaType.Refuse("zip", "Empty or unreadable ZIP archive.");
        }

        var first = entries[0];
        if (first.Name == "mimetype")
        {
            return IdentifyOpenDocument(head, first, entries);
        }

        var contentTypes = entries.FirstOrDefault(e => e.Name == "[Content_Types].xml");
        if (contentTypes.Name is not null)
        {
            return IdentifyOfficeOpenXml(head, contentTypes, entries);
        }

        return MediaType.Refuse("zip", DescribeArchive(entries));
    }

    private static MediaType IdentifyOpenDocument(ReadOnlySpan<byte> head, LocalEntry mimetype, List<LocalEntry> entries)
    {
        // The OpenDocument format requires "mimetype" first and stored uncompressed: its bytes are the type.
        if (mimetype.Method != 0 || mimetype.CompressedSize > 200 || mimetype.DataStart + mimetype.CompressedSize > head.Length)
        {
            return MediaType.Refuse("zip", "ZIP archive with an invalid OpenDocument type entry.");
        }

        var type = Encoding.ASCII.GetString(head.Slice(mimetype.DataStart, mimetype.CompressedSize));
        if (type != OdtMime)
        {
            return MediaType.Refuse("opendocument", $"OpenDocument of type '{type}' is not accepted: only text documents (.odt) are.");
        }

        if (entries.Any(e => e.Name.StartsWith("Basic/", StringComparison.Ordinal) || e.Name.StartsWith("Scripts/", StringComparison.Ordinal)))
        {
            return MediaType.Refuse("odt-macros", "OpenDocument text with macros or scripts.");
        }

        return MediaType.Accept(MediaKind.Document, "odt", OdtMime, ".odt");
    }

    private static MediaType IdentifyOfficeOpenXml(ReadOnlySpan<byte> head, LocalEntry contentTypesEntry, List<LocalEntry> entries)
    {
        var xml = ReadEntryText(head, contentTypesEntry);
        if (xml is null)
        {
            return MediaType.Refuse("zip", "Office document whose content types cannot be read (pass the whole file).");
        }

        if (xml.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase) || xml.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
            || entries.Any(e => e.Name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
        {
            return MediaType.Refuse("office-macros", "Office document with macros.");
        }

        if (xml.Contains("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", StringComparison.Ordinal))
        {
            return MediaType.Accept(MediaKind.Document, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
        }

        if (xml.Contains("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", StringComparison.Ordinal))
        {
            return MediaType.Accept(MediaKind.Document, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
        }

        return MediaType.Refuse("office", "Office document of a type not accepted (only .docx and .xlsx are).");
    }

    private static string DescribeArchive(List<LocalEntry> entries)
    {
        if (entries.Any(e => e.Name == "AndroidManifest.xml" || e.Name == "classes.dex"))
        {
            return "Android application package.";
        }

        if (entries.Any(e => e.Name == "META-INF/MANIFEST.MF" || e.Name.EndsWith(".class", StringComparison.Ordinal)))
        {
            return "Java archive.";
        }

        return "ZIP archive: its content cannot be checked.";
    }

    /// <summary>Local file headers in order. A signature found inside compressed data is skipped when its header makes no sense.</summary>
    private static List<LocalEntry> ReadLocalEntries(ReadOnlySpan<byte> head)
    {
        var entries = new List<LocalEntry>();
        var position = 0;
        while (entries.Count < MaxEntries && position + 30 <= head.Length)
        {
            var found = head[position..].IndexOf("PK\x03\x04"u8);
            if (found < 0)
            {
                break;
            }

            var start = position + found;
            position = start + 4;
            if (start + 30 > head.Length)
            {
                break;
            }

            var header = head.Slice(start, 30);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
            var compressedSize = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            var dataStart = start + 30 + nameLength + extraLength;
            if (nameLength == 0 || start + 30 + nameLength > head.Length || head.Slice(start + 30, nameLength).IndexOfAnyInRange((byte)0, (byte)0x1F) >= 0)
            {
                continue;
            }

            var name = Encoding.UTF8.GetString(head.Slice(start + 30, nameLength));
            entries.Add(new LocalEntry(name, method, flags, dataStart, (int)Math.Min(compressedSize, int.MaxValue)));
            if ((flags & 0x8) == 0 && compressedSize < int.MaxValue && dataStart + (long)compressedSize <= head.Length)
            {
                position = dataStart + (int)compressedSize; // Skip the data: no false signature from inside it.
            }
        }

        return entries;
    }

    private static string? ReadEntryText(ReadOnlySpan<byte> head, LocalEntry entry)
    {
        if (entry.DataStart >= head.Length)
        {
            return null;
        }

        var available = head[entry.DataStart..];
        if (entry.Method == 0)
        {
            return entry.CompressedSize <= available.Length && entry.CompressedSize <= MaxContentTypesLength
                ? Encoding.UTF8.GetString(available[..entry.CompressedSize])
                : null;
        }

        if (entry.Method != 8)
        {
            return null;
        }

        // Deflate ends by itself, so this works even when sizes are in a trailing data descriptor (flag bit 3).
        var compressed = (entry.Flags & 0x8) == 0 && entry.CompressedSize <= available.Length ? available[..entry.CompressedSize] : available;
        var input = compressed[..Math.Min(compressed.Length, MaxContentTypesLength)].ToArray();
        try
        {
            using var inflater = new DeflateStream(new MemoryStream(input), CompressionMode.Decompress);
            var output = new byte[MaxContentTypesLength];
            var total = 0;
            int read;
            while (total < output.Length && (read = inflater.Read(output, total, output.Length - total)) > 0)
            {
                total += read;
            }

            return Encoding.UTF8.GetString(output, 0, total);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
