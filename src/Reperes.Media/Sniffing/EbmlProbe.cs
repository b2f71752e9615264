// Hand-written on purpose: reads only the EBML headers needed to tell WebM audio from video, never a frame; see MediaSniffer.
using System.Text;

namespace Reperes.Media;

/// <summary>
/// WebM and Matroska (EBML). The MIME type says audio only when the track list, read from the head, holds audio
/// tracks and no video track: browsers' MediaRecorder writes its tracks in the first few hundred bytes. When the
/// tracks are not found in the bytes passed, the file is called a video: a browser's video element plays
/// audio-only files too, while an audio element would not show a picture.
/// </summary>
internal static class EbmlProbe
{
    private const uint EbmlHeaderId = 0x1A45DFA3;
    private const uint DocTypeId = 0x4282;
    private const uint SegmentId = 0x18538067;
    private const uint TracksId = 0x1654AE6B;
    private const uint TrackEntryId = 0xAE;
    private const uint TrackTypeId = 0x83;
    private const uint ClusterId = 0x1F43B675;
    private const long UnknownSize = -1;

    public static MediaType Identify(ReadOnlySpan<byte> head)
    {
        var position = 0;
        if (!TryReadElement(head, ref position, out var id, out var size) || id != EbmlHeaderId || size == UnknownSize || position + size > head.Length)
        {
            return MediaType.Unrecognised("Invalid EBML header.");
        }

        var headerEnd = position + (int)size;
        string? docType = null;
        foreach (var (childId, start, length) in Children(head, position, headerEnd))
        {
            if (childId == DocTypeId && length <= 64)
            {
                docType = Encoding.ASCII.GetString(head.Slice(start, length)).TrimEnd('\0');
            }
        }

        var (hasVideo, hasAudio) = FindTrackTypes(head, headerEnd);
        var audioOnly = hasAudio && !hasVideo;
        return docType switch
        {
            "webm" when audioOnly => MediaType.Accept(MediaKind.Audio, "webm-audio", "audio/webm", ".webm", ".weba"),
            "webm" => MediaType.Accept(MediaKind.Video, "webm", "video/webm", ".webm"),
            "matroska" when audioOnly => MediaType.Accept(MediaKind.Audio, "matroska-audio", "audio/x-matroska", ".mka", ".mkv"),
            "matroska" => MediaType.Accept(MediaKind.Video, "matroska", "video/x-matroska", ".mkv"),
            _ => MediaType.Unrecognised($"EBML document of type '{docType}' is not accepted."),
        };
    }

    private static (bool HasVideo, bool HasAudio) FindTrackTypes(ReadOnlySpan<byte> head, int position)
    {
        bool hasVideo = false, hasAudio = false;
        if (!TryReadElement(head, ref position, out var id, out var size) || id != SegmentId)
        {
            return (false, false);
        }

        // The segment's size is often unknown (live recording): its children run to the end of the data.
        var segmentEnd = size == UnknownSize ? head.Length : (int)Math.Min(head.Length, position + size);
        while (position < segmentEnd)
        {
            var elementStart = position;
            if (!TryReadElement(head, ref position, out id, out size) || id == ClusterId || size == UnknownSize)
            {
                break;
            }

            if (id == TracksId)
            {
                var tracksEnd = (int)Math.Min(head.Length, position + size);
                foreach (var (entryId, entryStart, entryLength) in Children(head, position, tracksEnd))
                {
                    if (entryId != TrackEntryId)
                    {
                        continue;
                    }

                    foreach (var (fieldId, fieldStart, fieldLength) in Children(head, entryStart, entryStart + entryLength))
                    {
                        if (fieldId == TrackTypeId && fieldLength == 1)
                        {
                            hasVideo |= head[fieldStart] == 1;
                            hasAudio |= head[fieldStart] == 2;
                        }
                    }
                }

                break;
            }

            if (position + size > segmentEnd || position <= elementStart)
            {
                break;
            }

            position += (int)size;
        }

        return (hasVideo, hasAudio);
    }

    /// <summary>Children of a master element, clipped to the data available; stops at the first one that does not fit.</summary>
    private static List<(uint Id, int Start, int Length)> Children(ReadOnlySpan<byte> head, int start, int end)
    {
        var children = new List<(uint, int, int)>();
        var position = start;
        end = Math.Min(end, head.Length);
        while (position < end && children.Count < 1000)
        {
            if (!TryReadElement(head, ref position, out var id, out var size) || size == UnknownSize || position + size > end)
            {
                break;
            }

            children.Add((id, position, (int)size));
            position += (int)size;
        }

        return children;
    }

    private static bool TryReadElement(ReadOnlySpan<byte> data, ref int position, out uint id, out long size)
    {
        id = 0;
        size = 0;
        if (!TryReadVint(data, ref position, maxLength: 4, keepMarker: true, out var rawId, out _)
            || !TryReadVint(data, ref position, maxLength: 8, keepMarker: false, out size, out var allOnes))
        {
            return false;
        }

        id = (uint)rawId;
        if (allOnes)
        {
            size = UnknownSize;
        }

        return true;
    }

    private static bool TryReadVint(ReadOnlySpan<byte> data, ref int position, int maxLength, bool keepMarker, out long value, out bool allOnes)
    {
        value = 0;
        allOnes = false;
        if (position >= data.Length || data[position] == 0)
        {
            return false;
        }

        var first = data[position];
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)first) - 23;
        if (length > maxLength || position + length > data.Length)
        {
            return false;
        }

        var marker = 0x80 >> (length - 1);
        value = keepMarker ? first : first & (marker - 1);
        allOnes = (first & (marker - 1)) == marker - 1;
        for (var i = 1; i < length; i++)
        {
            value = (value << 8) | data[position + i];
            allOnes &= data[position + i] == 0xFF;
        }

        position += length;
        return true;
    }
}
