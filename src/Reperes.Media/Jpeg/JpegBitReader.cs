namespace Reperes.Media;

/// <summary>
/// Reads the entropy-coded bits of a scan: removes the 0x00 stuffed after 0xFF and stops at markers. Bits read past
/// a marker or the end of the file are zeros that must never be used: using one means the data is cut short or
/// corrupt, which throws instead of decoding garbage.
/// </summary>
internal sealed class JpegBitReader(byte[] data)
{
    private ulong _buffer;
    private int _count;
    private int _fakeBits;

    public int Position { get; set; }

    public void Reset()
    {
        _buffer = 0;
        _count = 0;
        _fakeBits = 0;
    }

    private void Fill()
    {
        while (_count <= 56)
        {
            int b;
            if (Position < data.Length && data[Position] != 0xFF)
            {
                b = data[Position++];
            }
            else if (Position + 1 < data.Length && data[Position] == 0xFF && data[Position + 1] == 0x00)
            {
                b = 0xFF;
                Position += 2;
            }
            else
            {
                b = 0; // At a marker or the end: pad, and remember that these bits are not data.
                _fakeBits += 8;
            }

            _buffer = (_buffer << 8) | (uint)b;
            _count += 8;
        }
    }

    private void Consume(int n)
    {
        _count -= n;
        if (_count < _fakeBits)
        {
            throw new MediaFormatException("JPEG image data is cut short or corrupt.");
        }
    }

    public int ReadBits(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        if (_count < n)
        {
            Fill();
        }

        var value = (int)((_buffer >> (_count - n)) & ((1UL << n) - 1));
        Consume(n);
        return value;
    }

    public int ReadBit() => ReadBits(1);

    /// <summary>Reads n bits and maps them to a signed value (the "EXTEND" procedure of T.81).</summary>
    public int ReceiveExtend(int n)
    {
        if (n == 0)
        {
            return 0;
        }

        if (n > 16)
        {
            throw new MediaFormatException("JPEG image data is corrupt.");
        }

        var value = ReadBits(n);
        return value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
    }

    public int Decode(JpegHuffmanTable table)
    {
        if (_count < 16)
        {
            Fill();
        }

        var peek = (int)((_buffer >> (_count - JpegHuffmanTable.FastBits)) & ((1 << JpegHuffmanTable.FastBits) - 1));
        var fast = table.Fast[peek];
        if (fast != 0)
        {
            Consume(fast >> 8);
            return fast & 0xFF;
        }

        var code16 = (int)((_buffer >> (_count - 16)) & 0xFFFF);
        for (var length = JpegHuffmanTable.FastBits + 1; length <= 16; length++)
        {
            var code = code16 >> (16 - length);
            if (code <= table.MaxCode[length])
            {
                Consume(length);
                var index = table.ValueOffset[length] + code;
                return index >= 0 && index < table.Values.Length ? table.Values[index] : throw new MediaFormatException("JPEG image data is corrupt.");
            }
        }

        throw new MediaFormatException("JPEG image data holds an invalid Huffman code.");
    }
}
