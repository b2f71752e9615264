using System.Buffers.Binary;
using System.Text;

namespace Reperes.Media;

internal readonly record struct PngChunk(string Type, int DataOffset, int Length);

internal readonly record struct PngHeader(int Width, int Height, int BitDepth, int ColorType, bool Interlaced)
{
    public int Channels => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };

    public int BitsPerPixel => Channels * BitDepth;
}

/// <summary>PNG structure: signature, chunks (length, type, data, CRC) and the IHDR that must come first.</summary>
internal static class PngChunks
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static PngHeader ReadHeader(ReadOnlySpan<byte> data)
    {
        if (!data.StartsWith(Signature))
        {
            throw new MediaFormatException("Not a PNG file.");
        }

        if (data.Length < 33 || BinaryPrimitives.ReadUInt32BigEndian(data[8..]) != 13 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw new MediaFormatException("PNG does not start with a valid IHDR chunk.");
        }

        if (Crc32.Compute(data.Slice(12, 17)) != BinaryPrimitives.ReadUInt32BigEndian(data[29..]))
        {
            throw new MediaFormatException("PNG header checksum mismatch: the file is corrupt.");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        int bitDepth = data[24], colorType = data[25], compression = data[26], filter = data[27], interlace = data[28];
        var validDepth = colorType switch
        {
            0 => bitDepth is 1 or 2 or 4 or 8 or 16,
            3 => bitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => bitDepth is 8 or 16,
            _ => false,
        };
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue || !validDepth
            || compression != 0 || filter != 0 || interlace > 1)
        {
            throw new MediaFormatException("PNG header holds invalid values.");
        }

        return new PngHeader((int)width, (int)height, bitDepth, colorType, interlace == 1);
    }

    /// <summary>
    /// Chunks after the signature up to IEND. Strict mode (decoding) checks every CRC and throws when the file is cut
    /// short; lenient mode (header reading) stops quietly where the data ends.
    /// </summary>
    public static List<PngChunk> Enumerate(ReadOnlySpan<byte> data, bool checkCrc)
    {
        var chunks = new List<PngChunk>();
        var position = 8;
        while (true)
        {
            if (position + 12 > data.Length)
            {
                return checkCrc ? throw new MediaFormatException("PNG is cut short (no IEND chunk).") : chunks;
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var typeBytes = data.Slice(position + 4, 4);
            if (length > int.MaxValue || position + 12L + length > data.Length)
            {
                return checkCrc ? throw new MediaFormatException("PNG chunk cut short.") : chunks;
            }

            foreach (var c in typeBytes)
            {
                if (c is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z')))
                {
                    throw new MediaFormatException("PNG chunk with an invalid type: the file is corrupt.");
                }
            }

            if (checkCrc && Crc32.Compute(data.Slice(position + 4, 4 + (int)length)) != BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]))
            {
                throw new MediaFormatException($"PNG chunk {Encoding.ASCII.GetString(typeBytes)} checksum mismatch: the file is corrupt.");
            }

            var type = Encoding.ASCII.GetString(typeBytes);
            chunks.Add(new PngChunk(type, position + 8, (int)length));
            if (type == "IEND")
            {
                return chunks;
            }

            position += 12 + (int)length;
        }
    }
}
