namespace Reperes.Media;

/// <summary>A decoding Huffman table: a 9-bit lookup for short codes and canonical-code limits for longer ones.</summary>
internal sealed class JpegHuffmanTable
{
    public const int FastBits = 9;

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        Values = values.ToArray();
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            int count = counts[length - 1];
            ValueOffset[length] = index - code;
            for (var i = 0; i < count; i++, index++, code++)
            {
                if (length <= FastBits)
                {
                    // Every 9-bit pattern starting with this code maps to it.
                    var shift = FastBits - length;
                    for (var fill = 0; fill < 1 << shift; fill++)
                    {
                        Fast[(code << shift) | fill] = (ushort)((length << 8) | values[index]);
                    }
                }
            }

            MaxCode[length] = count == 0 ? -1 : code - 1;
            if (code > 1 << length)
            {
                throw new MediaFormatException("JPEG Huffman table is invalid.");
            }

            code <<= 1;
        }
    }

    public byte[] Values { get; }

    /// <summary>(length &lt;&lt; 8) | value for codes of at most <see cref="FastBits"/> bits, 0 otherwise.</summary>
    public ushort[] Fast { get; } = new ushort[1 << FastBits];

    /// <summary>Largest code of each length, -1 when none.</summary>
    public int[] MaxCode { get; } = new int[17];

    /// <summary>Index in <see cref="Values"/> of a code of each length, minus that code.</summary>
    public int[] ValueOffset { get; } = new int[17];
}
