using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>
/// JPEG decoder for Huffman-coded baseline, extended sequential and progressive 8-bit images, grayscale, YCbCr or
/// RGB, any integral sampling (4:4:4, 4:2:2, 4:2:0, 4:1:1, 4:4:0...), with restart markers. Arithmetic coding,
/// 12-bit, lossless and CMYK files throw <see cref="MediaFormatException"/>. Upsampling and colour conversion follow
/// libjpeg's defaults (triangle "fancy" upsampling for 2:1 chroma), so results match browsers'.
/// The EXIF orientation is not applied here: <see cref="ImageInfo"/> reports it.
/// </summary>
public static class JpegDecoder
{
    /// <exception cref="MediaFormatException">Corrupt, truncated, unsupported, or larger than <paramref name="maxPixels"/>.</exception>
    public static RgbaImage Decode(ReadOnlySpan<byte> data, long maxPixels = ImageLimits.DefaultMaxPixels) =>
        new JpegReader(data.ToArray(), maxPixels).Decode();
}

internal sealed class JpegComponent
{
    public int Id { get; init; }

    public int H { get; init; }

    public int V { get; init; }

    public int QuantizationTable { get; init; }

    public ushort[]? Quantization { get; set; }

    public JpegHuffmanTable? DcTable { get; set; }

    public JpegHuffmanTable? AcTable { get; set; }

    /// <summary>Blocks per row and column, padded to whole MCUs.</summary>
    public int BlocksPerLine { get; set; }

    public int BlocksPerColumn { get; set; }

    /// <summary>Samples actually covering the picture (before padding).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    public short[] Coefficients { get; set; } = [];

    public int DcPrediction { get; set; }

    public Span<short> Block(int row, int column) => Coefficients.AsSpan(((row * BlocksPerLine) + column) * 64, 64);
}

internal sealed class JpegReader(byte[] data, long maxPixels)
{
    private const int MaxScans = 100;

    private readonly ushort[]?[] _quantization = new ushort[4][];
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable[4];
    private readonly JpegBitReader _bits = new(data);
    private JpegComponent[] _components = [];
    private bool _progressive;
    private int _width;
    private int _height;
    private int _maxH;
    private int _maxV;
    private int _mcusPerLine;
    private int _mcusPerColumn;
    private int _restartInterval;
    private int _adobeTransform = -1;
    private bool _jfif;
    private int _scans;
    private int _eobRun;

    public RgbaImage Decode()
    {
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8)
        {
            throw new MediaFormatException("Not a JPEG file.");
        }

        var position = 2;
        while (true)
        {
            var marker = NextMarker(ref position);
            if (marker == 0xD9)
            {
                break;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // Stray restart marker between segments: nothing to read.
            }

            if (position + 2 > data.Length)
            {
                throw new MediaFormatException("JPEG is cut short.");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(position));
            if (length < 2 || position + length > data.Length)
            {
                throw new MediaFormatException("JPEG segment is cut short.");
            }

            var segment = data.AsSpan(position + 2, length - 2);
            position += length;
            switch (marker)
            {
                case 0xC0 or 0xC1 or 0xC2:
                    ReadFrame(segment, progressive: marker == 0xC2);
                    break;
                case 0xC3 or (>= 0xC5 and <= 0xC7) or (>= 0xC9 and <= 0xCB) or (>= 0xCD and <= 0xCF):
                    throw new MediaFormatException("Lossless, hierarchical or arithmetic-coded JPEG is not supported.");
                case 0xC4:
                    ReadHuffmanTables(segment);
                    break;
                case 0xCC:
                    throw new MediaFormatException("Arithmetic-coded JPEG is not supported.");
                case 0xDB:
                    ReadQuantizationTables(segment);
                    break;
                case 0xDD:
                    _restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : throw new MediaFormatException("JPEG restart interval is invalid.");
                    break;
                case 0xDA:
                    ReadScanHeaderAndData(segment, ref position);
                    break;
                case 0xDC:
                    throw new MediaFormatException("JPEG with a height given after the image data (DNL) is not supported.");
                case 0xE0:
                    _jfif |= segment.StartsWith("JFIF\0"u8);
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment.StartsWith("Adobe"u8))
                    {
                        _adobeTransform = segment[11];
                    }

                    break;
                default:
                    break; // Other application segments and comments carry nothing the pixels need.
            }
        }

        if (_components.Length == 0 || _scans == 0)
        {
            throw new MediaFormatException("JPEG without image data.");
        }

        return Output();
    }

    /// <summary>Finds the next marker, skipping 0xFF fill bytes; the position is left after the marker code.</summary>
    private int NextMarker(ref int position)
    {
        while (true)
        {
            if (position + 1 >= data.Length)
            {
                throw new MediaFormatException("JPEG is cut short (no end marker).");
            }

            if (data[position] != 0xFF)
            {
                position++; // Garbage between segments: tolerated, as libjpeg does.
                continue;
            }

            var code = data[position + 1];
            if (code is 0xFF or 0x00)
            {
                position++;
                continue;
            }

            position += 2;
            return code;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> segment, bool progressive)
    {
        if (_components.Length > 0)
        {
            throw new MediaFormatException("JPEG with two frame headers.");
        }

        if (segment.Length < 6)
        {
            throw new MediaFormatException("JPEG frame header is cut short.");
        }

        if (segment[0] != 8)
        {
            throw new MediaFormatException($"JPEG with {segment[0]}-bit samples is not supported.");
        }

        _height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        _width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        int count = segment[5];
        if (_height == 0)
        {
            throw new MediaFormatException("JPEG with a height given after the image data (DNL) is not supported.");
        }

        ImageLimits.CheckPixels(_width, _height, maxPixels);
        if (count == 4)
        {
            throw new MediaFormatException("CMYK JPEG (from print or design software) is not supported: save it as an RGB JPEG.");
        }

        if (count is not (1 or 3) || segment.Length < 6 + (count * 3))
        {
            throw new MediaFormatException("JPEG frame header is invalid.");
        }

        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var c = segment.Slice(6 + (i * 3), 3);
            int id = c[0];
            components[i] = new JpegComponent { Id = id, H = c[1] >> 4, V = c[1] & 15, QuantizationTable = c[2] };
            if (components[i].H is < 1 or > 4 || components[i].V is < 1 or > 4 || c[2] > 3 || components.Take(i).Any(o => o.Id == id))
            {
                throw new MediaFormatException("JPEG frame header is invalid.");
            }
        }

        _maxH = components.Max(c => c.H);
        _maxV = components.Max(c => c.V);
        if (components.Any(c => _maxH % c.H != 0 || _maxV % c.V != 0))
        {
            throw new MediaFormatException("JPEG with non-integral chroma sampling is not supported.");
        }

        _mcusPerLine = (_width + (8 * _maxH) - 1) / (8 * _maxH);
        _mcusPerColumn = (_height + (8 * _maxV) - 1) / (8 * _maxV);
        foreach (var c in components)
        {
            c.BlocksPerLine = _mcusPerLine * c.H;
            c.BlocksPerColumn = _mcusPerColumn * c.V;
            c.Width = ((_width * c.H) + _maxH - 1) / _maxH;
            c.Height = ((_height * c.V) + _maxV - 1) / _maxV;
            var coefficients = (long)c.BlocksPerLine * c.BlocksPerColumn * 64;
            if (coefficients > Array.MaxLength)
            {
                throw new MediaFormatException("JPEG too large to decode.");
            }

            c.Coefficients = new short[coefficients];
        }

        _components = components;
        _progressive = progressive;
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment)
    {
        while (!segment.IsEmpty)
        {
            if (segment.Length < 17)
            {
                throw new MediaFormatException("JPEG Huffman table is cut short.");
            }

            int tableClass = segment[0] >> 4, index = segment[0] & 15;
            var counts = segment.Slice(1, 16);
            var total = 0;
            foreach (var count in counts)
            {
                total += count;
            }

            if (tableClass > 1 || index > 3 || total > 256 || segment.Length < 17 + total)
            {
                throw new MediaFormatException("JPEG Huffman table is invalid.");
            }

            var table = new JpegHuffmanTable(counts, segment.Slice(17, total));
            (tableClass == 0 ? _dcTables : _acTables)[index] = table;
            segment = segment[(17 + total)..];
        }
    }

    private void ReadQuantizationTables(ReadOnlySpan<byte> segment)
    {
        while (!segment.IsEmpty)
        {
            int precision = segment[0] >> 4, index = segment[0] & 15;
            var size = precision == 0 ? 64 : 128;
            if (precision > 1 || index > 3 || segment.Length < 1 + size)
            {
                throw new MediaFormatException("JPEG quantization table is invalid.");
            }

            var table = new ushort[64];
            for (var k = 0; k < 64; k++)
            {
                table[JpegTables.ZigZag[k]] = precision == 0 ? segment[1 + k] : BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + (2 * k))..]);
            }

            _quantization[index] = table;
            segment = segment[(1 + size)..];
        }
    }

    private void ReadScanHeaderAndData(ReadOnlySpan<byte> segment, ref int position)
    {
        if (_components.Length == 0)
        {
            throw new MediaFormatException("JPEG image data before its frame header.");
        }

        if (++_scans > MaxScans)
        {
            throw new MediaFormatException("JPEG with too many scans.");
        }

        int count = segment.Length > 0 ? segment[0] : 0;
        if (count is < 1 or > 4 || segment.Length < 4 + (count * 2))
        {
            throw new MediaFormatException("JPEG scan header is invalid.");
        }

        var scanComponents = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            int id = segment[1 + (i * 2)], tables = segment[2 + (i * 2)];
            var component = Array.Find(_components, c => c.Id == id) ?? throw new MediaFormatException("JPEG scan names an unknown component.");
            component.DcTable = _dcTables[(tables >> 4) & 3];
            component.AcTable = _acTables[tables & 3];

            // libjpeg latches a component's quantization table at its first scan: later redefinitions do not apply to it.
            component.Quantization ??= _quantization[component.QuantizationTable] ?? throw new MediaFormatException("JPEG scan uses an undefined quantization table.");
            scanComponents[i] = component;
        }

        var spectral = segment.Slice(1 + (count * 2), 3);
        int start = spectral[0], end = spectral[1], high = spectral[2] >> 4, low = spectral[2] & 15;
        if (!_progressive)
        {
            start = 0;
            end = 63;
            high = low = 0;
        }
        else if (start > end || end > 63 || (start == 0 && end != 0) || (start > 0 && count != 1) || low > 13 || high > 13)
        {
            throw new MediaFormatException("JPEG progressive scan parameters are invalid.");
        }

        var scan = new Scan(scanComponents, start, end, high, low);
        _bits.Position = position;
        _bits.Reset();
        DecodeScan(scan);
        position = _bits.Position;
    }

    private readonly record struct Scan(JpegComponent[] Components, int Start, int End, int High, int Low)
    {
        public bool IsDc => Start == 0;
    }

    private void DecodeScan(Scan scan)
    {
        foreach (var c in scan.Components)
        {
            c.DcPrediction = 0;
            var needsDc = !_progressive || (scan.IsDc && scan.High == 0);
            var needsAc = !_progressive || !scan.IsDc;
            if ((needsDc && c.DcTable is null) || (needsAc && c.AcTable is null))
            {
                throw new MediaFormatException("JPEG scan uses an undefined Huffman table.");
            }
        }

        _eobRun = 0;
        int mcusPerLine, mcuCount;
        var single = scan.Components.Length == 1;
        if (single)
        {
            // A scan of one component walks its own blocks, without the padding of interleaved MCUs.
            var c = scan.Components[0];
            mcusPerLine = (c.Width + 7) / 8;
            mcuCount = mcusPerLine * ((c.Height + 7) / 8);
        }
        else
        {
            mcusPerLine = _mcusPerLine;
            mcuCount = _mcusPerLine * _mcusPerColumn;
        }

        var interval = _restartInterval == 0 ? mcuCount : _restartInterval;
        for (var mcu = 0; mcu < mcuCount; mcu++)
        {
            if (mcu > 0 && mcu % interval == 0)
            {
                Restart(scan);
            }

            int row = mcu / mcusPerLine, column = mcu % mcusPerLine;
            if (single)
            {
                DecodeBlock(scan, scan.Components[0], scan.Components[0].Block(row, column));
                continue;
            }

            foreach (var c in scan.Components)
            {
                for (var v = 0; v < c.V; v++)
                {
                    for (var h = 0; h < c.H; h++)
                    {
                        DecodeBlock(scan, c, c.Block((row * c.V) + v, (column * c.H) + h));
                    }
                }
            }
        }
    }

    /// <summary>Between restart intervals: the bits left are padding; the RSTn marker must come next.</summary>
    private void Restart(Scan scan)
    {
        _bits.Reset();
        var position = _bits.Position;
        while (position + 1 < data.Length && !(data[position] == 0xFF && data[position + 1] is >= 0xD0 and <= 0xD7))
        {
            if (data[position] == 0xFF && data[position + 1] is not (0x00 or 0xFF))
            {
                throw new MediaFormatException("JPEG restart marker missing: the image data is corrupt.");
            }

            position++;
        }

        if (position + 1 >= data.Length)
        {
            throw new MediaFormatException("JPEG is cut short.");
        }

        _bits.Position = position + 2;
        _eobRun = 0;
        foreach (var c in scan.Components)
        {
            c.DcPrediction = 0;
        }
    }

    private void DecodeBlock(Scan scan, JpegComponent c, Span<short> block)
    {
        if (!_progressive)
        {
            DecodeBaseline(c, block);
        }
        else if (scan.IsDc)
        {
            if (scan.High == 0)
            {
                var t = _bits.Decode(c.DcTable!);
                c.DcPrediction += _bits.ReceiveExtend(t);
                block[0] = Saturate(c.DcPrediction * (1 << scan.Low));
            }
            else if (_bits.ReadBit() != 0)
            {
                block[0] |= (short)(1 << scan.Low);
            }
        }
        else if (scan.High == 0)
        {
            DecodeAcFirst(scan, c, block);
        }
        else
        {
            DecodeAcRefine(scan, c, block);
        }
    }

    private void DecodeBaseline(JpegComponent c, Span<short> block)
    {
        var t = _bits.Decode(c.DcTable!);
        c.DcPrediction += _bits.ReceiveExtend(t);
        block[0] = Saturate(c.DcPrediction);
        for (var k = 1; k < 64; k++)
        {
            var rs = _bits.Decode(c.AcTable!);
            int run = rs >> 4, size = rs & 15;
            if (size == 0)
            {
                if (run != 15)
                {
                    break; // End of block.
                }

                k += 15;
                continue;
            }

            k += run;
            if (k > 63)
            {
                throw new MediaFormatException("JPEG image data is corrupt (coefficient past the block).");
            }

            block[JpegTables.ZigZag[k]] = (short)_bits.ReceiveExtend(size);
        }
    }

    private void DecodeAcFirst(Scan scan, JpegComponent c, Span<short> block)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }

        for (var k = scan.Start; k <= scan.End; k++)
        {
            var rs = _bits.Decode(c.AcTable!);
            int run = rs >> 4, size = rs & 15;
            if (size == 0)
            {
                if (run < 15)
                {
                    // A run of blocks with nothing more in this band, this one included.
                    _eobRun = (1 << run) - 1 + _bits.ReadBits(run);
                    return;
                }

                k += 15;
                continue;
            }

            k += run;
            if (k > scan.End)
            {
                throw new MediaFormatException("JPEG image data is corrupt (coefficient past the band).");
            }

            block[JpegTables.ZigZag[k]] = Saturate(_bits.ReceiveExtend(size) * (1 << scan.Low));
        }
    }

    /// <summary>Successive approximation of AC coefficients (libjpeg's decode_mcu_AC_refine).</summary>
    private void DecodeAcRefine(Scan scan, JpegComponent c, Span<short> block)
    {
        int plus = 1 << scan.Low, minus = -1 << scan.Low;
        var k = scan.Start;
        if (_eobRun == 0)
        {
            for (; k <= scan.End; k++)
            {
                var rs = _bits.Decode(c.AcTable!);
                int run = rs >> 4, size = rs & 15, value = 0;
                if (size != 0)
                {
                    if (size != 1)
                    {
                        throw new MediaFormatException("JPEG image data is corrupt (bad refinement).");
                    }

                    value = _bits.ReadBit() != 0 ? plus : minus;
                }
                else if (run != 15)
                {
                    _eobRun = (1 << run) + _bits.ReadBits(run);
                    break;
                }

                // Skip `run` zero coefficients, refining the non-zero ones met on the way.
                while (k <= scan.End)
                {
                    var position = JpegTables.ZigZag[k];
                    if (block[position] != 0)
                    {
                        RefineNonZero(block, position, plus, minus);
                    }
                    else if (--run < 0)
                    {
                        break;
                    }

                    k++;
                }

                if (value != 0)
                {
                    if (k > scan.End)
                    {
                        throw new MediaFormatException("JPEG image data is corrupt (coefficient past the band).");
                    }

                    block[JpegTables.ZigZag[k]] = (short)value;
                }
            }
        }

        if (_eobRun > 0)
        {
            for (; k <= scan.End; k++)
            {
                var position = JpegTables.ZigZag[k];
                if (block[position] != 0)
                {
                    RefineNonZero(block, position, plus, minus);
                }
            }

            _eobRun--;
        }
    }

    private void RefineNonZero(Span<short> block, int position, int plus, int minus)
    {
        if (_bits.ReadBit() != 0 && (block[position] & plus) == 0)
        {
            block[position] = Saturate(block[position] + (block[position] >= 0 ? plus : minus));
        }
    }

    private static short Saturate(int value) => (short)Math.Clamp(value, short.MinValue, short.MaxValue);

    /// <summary>Inverse DCT of every block, then upsampling and colour conversion to RGBA.</summary>
    private RgbaImage Output()
    {
        var planes = new byte[_components.Length][];
        Span<int> workspace = stackalloc int[64];
        for (var i = 0; i < _components.Length; i++)
        {
            var c = _components[i];
            if (c.Quantization is null)
            {
                throw new MediaFormatException("JPEG component without image data.");
            }

            var stride = c.BlocksPerLine * 8;
            var plane = new byte[stride * c.BlocksPerColumn * 8];
            for (var row = 0; row < c.BlocksPerColumn; row++)
            {
                for (var column = 0; column < c.BlocksPerLine; column++)
                {
                    JpegIdct.Transform(c.Block(row, column), c.Quantization, plane.AsSpan((row * 8 * stride) + (column * 8)), stride, workspace);
                }
            }

            planes[i] = plane;
            c.Coefficients = []; // Free the coefficients early: large photos hold tens of megabytes of them.
        }

        var image = new RgbaImage(_width, _height);
        // Fancy upsampling writes two samples per input sample: rows hold the padded width.
        var rows = new byte[_components.Length][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new byte[Math.Max(_width, _components[i].Width * (_maxH / _components[i].H))];
        }

        var rgb = _components.Length == 3 && IsRgb();
        for (var y = 0; y < _height; y++)
        {
            for (var i = 0; i < _components.Length; i++)
            {
                JpegUpsampler.Row(_components[i], planes[i], _maxH, _maxV, y, rows[i], _width);
            }

            var output = image.Pixels.AsSpan(y * _width * 4, _width * 4);
            if (_components.Length == 1)
            {
                JpegColor.Gray(rows[0].AsSpan(0, _width), output);
            }
            else if (rgb)
            {
                JpegColor.Rgb(rows[0].AsSpan(0, _width), rows[1], rows[2], output);
            }
            else
            {
                JpegColor.YCbCr(rows[0].AsSpan(0, _width), rows[1], rows[2], output);
            }
        }

        return image;
    }

    /// <summary>libjpeg's guess: Adobe's transform flag decides; else JFIF means YCbCr; else component ids 'R','G','B' mean RGB.</summary>
    private bool IsRgb()
    {
        if (_adobeTransform >= 0)
        {
            return _adobeTransform == 0;
        }

        return !_jfif && _components[0].Id == 'R' && _components[1].Id == 'G' && _components[2].Id == 'B';
    }
}
