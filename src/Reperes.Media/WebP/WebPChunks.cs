using System.Buffers.Binary;
using System.Text;

namespace Reperes.Media;

internal readonly record struct WebPChunk(string Type, int HeaderOffset, int DataOffset, int Length, bool Complete);

/// <summary>RIFF chunks of a WebP file: four-character type, little-endian size, data padded to an even length.</summary>
internal static class WebPChunks
{
    public static List<WebPChunk> Enumerate(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data.StartsWith("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            throw new MediaFormatException("Not a WebP file.");
        }

        var end = (int)Math.Min(data.Length, 8L + BinaryPrimitives.ReadUInt32LittleEndian(data[4..]));
        var chunks = new List<WebPChunk>();
        var position = 12;
        while (position + 8 <= end && chunks.Count < 10_000)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(position + 4)..]);
            var available = end - position - 8;
            var complete = size <= available;
            var length = complete ? (int)size : available;
            chunks.Add(new WebPChunk(Encoding.ASCII.GetString(data.Slice(position, 4)), position, position + 8, length, complete));
            if (!complete)
            {
                break;
            }

            position += 8 + length + (length & 1);
        }

        return chunks;
    }
}
