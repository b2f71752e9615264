using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>
/// WebP is not decoded here, so it cannot be re-encoded; its metadata chunks (EXIF with a possible GPS position,
/// XMP) are removed instead, leaving the picture's own bytes untouched.
/// </summary>
public static class WebPMetadata
{
    private const byte ExifFlag = 0x08;
    private const byte XmpFlag = 0x04;

    /// <exception cref="MediaFormatException">Not a complete, well-formed WebP file.</exception>
    public static byte[] Strip(ReadOnlySpan<byte> data)
    {
        var chunks = WebPChunks.Enumerate(data);
        if (chunks.Count == 0 || chunks.Any(c => !c.Complete) || 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) > data.Length)
        {
            throw new MediaFormatException("WebP file is cut short.");
        }

        using var output = new MemoryStream(data.Length);
        output.Write("RIFF\0\0\0\0WEBP"u8);
        foreach (var chunk in chunks)
        {
            if (chunk.Type is "EXIF" or "XMP ")
            {
                continue;
            }

            var padded = chunk.Length + (chunk.Length & 1);
            var bytes = data.Slice(chunk.HeaderOffset, Math.Min(8 + padded, data.Length - chunk.HeaderOffset)).ToArray();
            if (chunk.Type == "VP8X" && bytes.Length > 8)
            {
                bytes[8] &= unchecked((byte)~(ExifFlag | XmpFlag));
            }

            output.Write(bytes);
            if ((bytes.Length & 1) != 0)
            {
                output.WriteByte(0);
            }
        }

        var result = output.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(result.AsSpan(4), (uint)(result.Length - 8));
        return result;
    }
}
