// Hand-written on purpose: reads only the ISO media box headers needed to tell audio from video (and HEIC), never a sample; see MediaSniffer.
using System.Buffers.Binary;
using System.Text;

namespace Reperes.Media;

/// <summary>
/// ISO base media files (MP4, M4A, MOV, 3GP) named by their "ftyp" brands. An MP4 is called audio when its "moov"
/// box, if within the bytes passed, has sound tracks and no video track (Safari's MediaRecorder writes audio/mp4).
/// HEIF and AVIF photos are refused: they cannot be decoded here to strip their metadata.
/// </summary>
internal static class IsoMediaProbe
{
    private static readonly HashSet<string> Mp4Brands =
    [
        "isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9", "mp41", "mp42", "mp71", "avc1", "dash",
        "M4V ", "M4VH", "M4VP", "MSNV", "f4v ", "mmp4", "XAVC", "NDAS", "NDSC", "NDSH", "NDSM", "NDSP", "NDSS", "NDXC",
        "NDXH", "NDXM", "NDXP", "NDXS", "cmfc", "cmf2",
    ];

    private static readonly HashSet<string> ImageBrands = ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "jpeg", "avci"];

    public static MediaType Identify(ReadOnlySpan<byte> head)
    {
        var boxSize = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (boxSize < 16 || boxSize > 4096 || boxSize > head.Length)
        {
            return MediaType.Unrecognised("Invalid ISO media file type box.");
        }

        var major = Encoding.ASCII.GetString(head.Slice(8, 4));
        if (ImageBrands.Contains(major))
        {
            return MediaType.Refuse("heif", "HEIF/HEIC or AVIF photo: not supported. Send a JPEG (set the camera to \"most compatible\").");
        }

        var (hasVideo, hasAudio) = FindHandlers(head);
        var audioOnly = hasAudio && !hasVideo;
        if (major == "qt  ")
        {
            return MediaType.Accept(MediaKind.Video, "mov", "video/quicktime", ".mov", ".qt");
        }

        if (major.StartsWith("3gp", StringComparison.Ordinal) || major.StartsWith("3g2", StringComparison.Ordinal))
        {
            return audioOnly
                ? MediaType.Accept(MediaKind.Audio, "3gpp-audio", "audio/3gpp", ".3gp", ".3gpp", ".3g2")
                : MediaType.Accept(MediaKind.Video, "3gpp", "video/3gpp", ".3gp", ".3gpp", ".3g2");
        }

        if (major is "M4A " or "M4B " || (audioOnly && Mp4Brands.Contains(major)))
        {
            return MediaType.Accept(MediaKind.Audio, "m4a", "audio/mp4", ".m4a", ".m4b", ".mp4", ".aac");
        }

        if (Mp4Brands.Contains(major))
        {
            return MediaType.Accept(MediaKind.Video, "mp4", "video/mp4", ".mp4", ".m4v");
        }

        return MediaType.Unrecognised($"ISO media file of brand '{major.Trim()}' is not accepted.");
    }

    /// <summary>Handler types of the tracks in "moov" (moov/trak/mdia/hdlr), when "moov" lies within the head.</summary>
    private static (bool HasVideo, bool HasAudio) FindHandlers(ReadOnlySpan<byte> head)
    {
        bool hasVideo = false, hasAudio = false;
        foreach (var (type, start, end) in Boxes(head, 0, head.Length))
        {
            if (type != "moov")
            {
                continue;
            }

            foreach (var trak in Boxes(head, start, end).Where(b => b.Type == "trak"))
            {
                foreach (var mdia in Boxes(head, trak.Start, trak.End).Where(b => b.Type == "mdia"))
                {
                    foreach (var hdlr in Boxes(head, mdia.Start, mdia.End).Where(b => b.Type == "hdlr" && b.End - b.Start >= 12))
                    {
                        // Full box: version and flags (4), pre_defined (4), then the handler type.
                        var handler = Encoding.ASCII.GetString(head.Slice(hdlr.Start + 8, 4));
                        hasVideo |= handler == "vide";
                        hasAudio |= handler == "soun";
                    }
                }
            }
        }

        return (hasVideo, hasAudio);
    }

    /// <summary>Boxes lying wholly between start and end; stops at the first one that does not.</summary>
    private static List<(string Type, int Start, int End)> Boxes(ReadOnlySpan<byte> data, int start, int end)
    {
        var boxes = new List<(string, int, int)>();
        var position = start;
        while (position + 8 <= end && boxes.Count < 1000)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var headerLength = 8;
            if (size == 1)
            {
                if (position + 16 > end)
                {
                    break;
                }

                size = (long)Math.Min(BinaryPrimitives.ReadUInt64BigEndian(data[(position + 8)..]), long.MaxValue);
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = end - position; // Runs to the end of the file.
            }

            if (size < headerLength || position + size > end)
            {
                break;
            }

            boxes.Add((Encoding.ASCII.GetString(data.Slice(position + 4, 4)), position + headerLength, position + (int)size));
            position += (int)size;
        }

        return boxes;
    }
}
