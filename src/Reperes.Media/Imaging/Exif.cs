using System.Buffers.Binary;

namespace Reperes.Media;

/// <summary>Reads the one EXIF field this library needs. Every offset is checked: EXIF comes from the sender.</summary>
internal static class Exif
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    /// <summary>Orientation from an EXIF block, with or without its "Exif\0\0" prefix; Normal when absent or invalid.</summary>
    public static ExifOrientation ReadOrientation(ReadOnlySpan<byte> exif)
    {
        if (exif.StartsWith("Exif\0\0"u8))
        {
            exif = exif[6..];
        }

        if (exif.Length < 8)
        {
            return ExifOrientation.Normal;
        }

        bool littleEndian;
        if (exif.StartsWith("II*\0"u8))
        {
            littleEndian = true;
        }
        else if (exif.StartsWith("MM\0*"u8))
        {
            littleEndian = false;
        }
        else
        {
            return ExifOrientation.Normal;
        }

        var ifdOffset = ReadUInt32(exif[4..], littleEndian);
        if (ifdOffset < 8 || ifdOffset > exif.Length - 2)
        {
            return ExifOrientation.Normal;
        }

        var ifd = exif[(int)ifdOffset..];
        int count = ReadUInt16(ifd, littleEndian);
        count = Math.Min(count, (ifd.Length - 2) / 12);
        for (var i = 0; i < count; i++)
        {
            var entry = ifd.Slice(2 + (i * 12), 12);
            if (ReadUInt16(entry, littleEndian) == OrientationTag && ReadUInt16(entry[2..], littleEndian) == ShortType)
            {
                var value = ReadUInt16(entry[8..], littleEndian);
                return value is >= 1 and <= 8 ? (ExifOrientation)value : ExifOrientation.Normal;
            }
        }

        return ExifOrientation.Normal;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool littleEndian) =>
        littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);
}
