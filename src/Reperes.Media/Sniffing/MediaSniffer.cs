// Hand-written on purpose: it decides from a few bytes what the application may even try to open (libmagic has no maintained .NET binding here), including what no image library reads.
using System.Buffers.Binary;
using System.Text;

namespace Reperes.Media;

/// <summary>
/// Identifies an upload from its first bytes only: the file name and the declared content type are chosen by the
/// sender and are never trusted. Everything not positively recognised as an accepted format is refused.
/// </summary>
public static class MediaSniffer
{
    /// <summary>
    /// Bytes to pass to <see cref="Identify"/> for every format to be decided (or the whole file if shorter).
    /// Passing the whole file is better still for office documents: a writer may store their
    /// <c>[Content_Types].xml</c> late in the archive.
    /// </summary>
    public const int RecommendedHeadLength = 64 * 1024;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>Identifies the content of a file from its first bytes (see <see cref="RecommendedHeadLength"/>).</summary>
    public static MediaType Identify(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return MediaType.Unrecognised("The file is empty.");
        }

        return IdentifyImage(head)
            ?? IdentifyDocument(head)
            ?? IdentifyAudioVideo(head)
            ?? IdentifyRefused(head)
            ?? IdentifyText(head);
    }

    /// <summary>
    /// True when <paramref name="fileName"/> has an extension that the detected content may not carry (a PNG named
    /// "photo.jpg", an executable named "photo.jpg", "photo.jpg.exe"). A name without extension contradicts nothing:
    /// the caller stores the file under the canonical extension anyway.
    /// </summary>
    public static bool ExtensionContradicts(string? fileName, MediaType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var extension = ExtensionOf(fileName);
        return extension is not null && !type.AcceptedExtensions.Contains(extension);
    }

    /// <summary>Lower-case extension with its dot, or null. Browsers may send a full Windows path: only the last part counts.</summary>
    internal static string? ExtensionOf(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = fileName.Trim().TrimEnd('.', ' ');
        var slash = name.LastIndexOfAny(['/', '\\']);
        name = name[(slash + 1)..];
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? null : name[dot..].ToLowerInvariant();
    }

    private static MediaType? IdentifyImage(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return MediaType.Accept(MediaKind.Image, "jpeg", "image/jpeg", ".jpg", ".jpeg", ".jpe", ".jfif");
        }

        if (head.StartsWith(PngSignature))
        {
            return MediaType.Accept(MediaKind.Image, "png", "image/png", ".png");
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return MediaType.Accept(MediaKind.Image, "gif", "image/gif", ".gif");
        }

        if (IsRiff(head, "WEBP"u8) && head.Length >= 16 && (head[12..16].SequenceEqual("VP8 "u8)
            || head[12..16].SequenceEqual("VP8L"u8) || head[12..16].SequenceEqual("VP8X"u8)))
        {
            return MediaType.Accept(MediaKind.Image, "webp", "image/webp", ".webp");
        }

        return null;
    }

    private static MediaType? IdentifyDocument(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return MediaType.Accept(MediaKind.Document, "pdf", "application/pdf", ".pdf");
        }

        if (head.StartsWith("PK\x03\x04"u8) || head.StartsWith("PK\x05\x06"u8) || head.StartsWith("PK\x07\x08"u8))
        {
            return ZipProbe.Identify(head);
        }

        if (head.StartsWith(OleSignature))
        {
            return MediaType.Refuse("ole", "Legacy Office compound file (.doc, .xls, .msg...): may carry macros; send a PDF, .docx, .xlsx or .odt.");
        }

        return null;
    }

    private static MediaType? IdentifyAudioVideo(ReadOnlySpan<byte> head)
    {
        if (IsRiff(head, "WAVE"u8))
        {
            return MediaType.Accept(MediaKind.Audio, "wav", "audio/wav", ".wav", ".wave");
        }

        if (IsRiff(head, "AVI "u8))
        {
            return MediaType.Unrecognised("AVI videos are not accepted: send MP4 or WebM.");
        }

        if (head.StartsWith("OggS"u8))
        {
            return IdentifyOgg(head);
        }

        if (head.StartsWith("fLaC"u8))
        {
            return Flac;
        }

        if (StartsWithBytes(head, 0x1A, 0x45, 0xDF, 0xA3))
        {
            return EbmlProbe.Identify(head);
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return IsoMediaProbe.Identify(head);
        }

        if (head.StartsWith("ID3"u8))
        {
            return IdentifyAfterId3(head);
        }

        return IdentifyAudioFrames(head, afterId3: false);
    }

    private static readonly MediaType Flac = MediaType.Accept(MediaKind.Audio, "flac", "audio/flac", ".flac");
    private static readonly MediaType Mp3 = MediaType.Accept(MediaKind.Audio, "mp3", "audio/mpeg", ".mp3", ".mpga", ".mp2");
    private static readonly MediaType Aac = MediaType.Accept(MediaKind.Audio, "aac", "audio/aac", ".aac", ".adts");

    private static MediaType IdentifyOgg(ReadOnlySpan<byte> head)
    {
        // First page: 27-byte header, a segment table, then the codec's identification packet.
        if (head.Length < 28 || head[4] != 0)
        {
            return MediaType.Unrecognised("Truncated or invalid Ogg stream.");
        }

        var packetStart = 27 + head[26];
        if (head.Length < packetStart + 8)
        {
            return MediaType.Unrecognised("Truncated Ogg stream.");
        }

        var packet = head[packetStart..];
        if (packet.StartsWith("OpusHead"u8))
        {
            return MediaType.Accept(MediaKind.Audio, "ogg-opus", "audio/ogg", ".opus", ".ogg", ".oga");
        }

        if (packet.StartsWith("\x01vorbis"u8))
        {
            return MediaType.Accept(MediaKind.Audio, "ogg-vorbis", "audio/ogg", ".ogg", ".oga");
        }

        if (StartsWithBytes(packet, 0x7F, (byte)'F', (byte)'L', (byte)'A', (byte)'C'))
        {
            return MediaType.Accept(MediaKind.Audio, "ogg-flac", "audio/ogg", ".oga", ".ogg");
        }

        if (StartsWithBytes(packet, 0x80, (byte)'t', (byte)'h', (byte)'e', (byte)'o', (byte)'r', (byte)'a'))
        {
            return MediaType.Accept(MediaKind.Video, "ogg-theora", "video/ogg", ".ogv", ".ogg");
        }

        return MediaType.Unrecognised("Ogg stream with an unknown codec.");
    }

    private static MediaType IdentifyAfterId3(ReadOnlySpan<byte> head)
    {
        // ID3v2 header: "ID3", version 2..4, revision, flags, then a 28-bit "syncsafe" size (high bits clear).
        if (head.Length < 10 || head[3] is < 2 or > 4 || head[4] == 0xFF
            || ((head[6] | head[7] | head[8] | head[9]) & 0x80) != 0)
        {
            return MediaType.Unrecognised("Invalid ID3 tag.");
        }

        long size = 10 + ((head[6] << 21) | (head[7] << 14) | (head[8] << 7) | head[9]);
        if ((head[5] & 0x10) != 0)
        {
            size += 10; // ID3v2.4 footer
        }

        // Some taggers pad with zeros beyond the declared size.
        var offset = size;
        while (offset < head.Length && head[(int)offset] == 0 && offset - size < 64 * 1024)
        {
            offset++;
        }

        if (offset + 4 > head.Length)
        {
            return Mp3; // The audio lies beyond the bytes passed (a large cover picture): ID3v2 is an MP3 convention.
        }

        var rest = head[(int)offset..];
        return rest.StartsWith("fLaC"u8) ? Flac
            : IdentifyAudioFrames(rest, afterId3: true)
            ?? MediaType.Unrecognised("ID3 tag not followed by MPEG audio.");
    }

    /// <summary>MPEG-1/2 audio (MP3, MP2) or AAC in ADTS frames, checked on a second frame when the head holds one.</summary>
    private static MediaType? IdentifyAudioFrames(ReadOnlySpan<byte> head, bool afterId3)
    {
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        if ((head[1] & 0xF6) == 0xF0)
        {
            var adtsLength = AdtsFrameLength(head);
            return adtsLength > 0 && FollowedBy(head, adtsLength, h => AdtsFrameLength(h) > 0) ? Aac : null;
        }

        var frameLength = MpegFrameLength(head);
        if (frameLength == 0)
        {
            // "Free" bitrate: length unknown. Trust it only behind an ID3 tag.
            return afterId3 && MpegHeaderValid(head) ? Mp3 : null;
        }

        return frameLength > 0 && FollowedBy(head, frameLength, h => MpegFrameLength(h) > 0) ? Mp3 : null;
    }

    private static bool FollowedBy(ReadOnlySpan<byte> head, int frameLength, FrameCheck check) =>
        head.Length < frameLength + 4 || check(head[frameLength..]);

    private delegate bool FrameCheck(ReadOnlySpan<byte> frame);

    private static int AdtsFrameLength(ReadOnlySpan<byte> h)
    {
        if (h.Length < 7 || h[0] != 0xFF || (h[1] & 0xF6) != 0xF0 || ((h[2] >> 2) & 0xF) > 12)
        {
            return -1;
        }

        var length = ((h[3] & 0x3) << 11) | (h[4] << 3) | (h[5] >> 5);
        return length >= 7 ? length : -1;
    }

    private static readonly int[][] MpegBitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2/2.5 layers II and III
    ];

    private static bool MpegHeaderValid(ReadOnlySpan<byte> h) =>
        h.Length >= 4 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0 && ((h[1] >> 3) & 3) != 1 && ((h[1] >> 1) & 3) != 0
        && (h[2] >> 4) != 15 && ((h[2] >> 2) & 3) != 3;

    /// <summary>Frame length in bytes, 0 for "free" bitrate, -1 when not a valid MPEG audio frame header.</summary>
    private static int MpegFrameLength(ReadOnlySpan<byte> h)
    {
        if (!MpegHeaderValid(h))
        {
            return -1;
        }

        var version = (h[1] >> 3) & 3; // 0: MPEG-2.5, 2: MPEG-2, 3: MPEG-1
        var layer = 4 - ((h[1] >> 1) & 3); // 1, 2 or 3
        var bitrateIndex = h[2] >> 4;
        if (bitrateIndex == 0)
        {
            return 0;
        }

        var table = version == 3 ? layer - 1 : (layer == 1 ? 3 : 4);
        var bitrate = MpegBitrates[table][bitrateIndex] * 1000;
        int[] rates = version switch { 3 => [44100, 48000, 32000], 2 => [22050, 24000, 16000], _ => [11025, 12000, 8000] };
        var sampleRate = rates[(h[2] >> 2) & 3];
        var padding = (h[2] >> 1) & 1;
        return layer switch
        {
            1 => ((12 * bitrate / sampleRate) + padding) * 4,
            3 when version != 3 => (72 * bitrate / sampleRate) + padding,
            _ => (144 * bitrate / sampleRate) + padding,
        };
    }

    private static MediaType? IdentifyRefused(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8))
        {
            return MediaType.Refuse("windows-executable", "Windows executable (MZ/PE).");
        }

        if (StartsWithBytes(head, 0x7F, (byte)'E', (byte)'L', (byte)'F'))
        {
            return MediaType.Refuse("elf", "ELF executable or library.");
        }

        if (head.Length >= 4)
        {
            var magic = BinaryPrimitives.ReadUInt32BigEndian(head);
            if (magic is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE)
            {
                return MediaType.Refuse("mach-o", "Mach-O executable.");
            }

            if (magic == 0xCAFEBABE)
            {
                return MediaType.Refuse("mach-o-fat", "Mach-O universal binary or Java class file.");
            }
        }

        if (head.StartsWith("#!"u8))
        {
            return MediaType.Refuse("script", "Script with an interpreter line (#!).");
        }

        if (head.StartsWith("Rar!\x1A\x07"u8) || StartsWithBytes(head, (byte)'7', (byte)'z', 0xBC, 0xAF, 0x27, 0x1C)
            || StartsWithBytes(head, 0x1F, 0x8B) || head.StartsWith("BZh"u8) || StartsWithBytes(head, 0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00))
        {
            return MediaType.Refuse("archive", "Compressed archive: its content cannot be checked.");
        }

        if (StartsWithBytes(head, 0x4C, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00))
        {
            return MediaType.Refuse("windows-shortcut", "Windows shortcut (.lnk).");
        }

        return null;
    }

    private static readonly string[] MarkupSigns = ["<svg", "<html", "<!doctype", "<script", "<?xml", "<body", "<head", "<iframe", "<?php", "<%"];

    /// <summary>
    /// Text is never accepted. Anything that a browser could take for markup is named so in the reason: SVG and
    /// HTML can carry scripts that would run on the site's origin.
    /// </summary>
    private static MediaType IdentifyText(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 4096)];
        string text;
        if (StartsWithBytes(sample, 0xFF, 0xFE) || (sample.Length >= 2 && sample[0] == (byte)'<' && sample[1] == 0))
        {
            text = Encoding.Unicode.GetString(sample);
        }
        else if (StartsWithBytes(sample, 0xFE, 0xFF) || (sample.Length >= 2 && sample[0] == 0 && sample[1] == (byte)'<'))
        {
            text = Encoding.BigEndianUnicode.GetString(sample);
        }
        else
        {
            text = Encoding.Latin1.GetString(sample);
        }

        var trimmed = text.TrimStart('\uFEFF', '\u00EF', '\u00BB', '\u00BF', '\uFFFE', ' ', '\t', '\r', '\n', '\f', '\0');
        var lower = text.ToLowerInvariant();
        if (lower.Contains("<svg", StringComparison.Ordinal))
        {
            return MediaType.Refuse("svg", "SVG image: it may carry scripts. Send a PNG or a JPEG.");
        }

        if (lower.Contains("<html", StringComparison.Ordinal) || lower.Contains("<!doctype html", StringComparison.Ordinal)
            || lower.Contains("<script", StringComparison.Ordinal) || lower.Contains("<body", StringComparison.Ordinal)
            || lower.Contains("<iframe", StringComparison.Ordinal))
        {
            return MediaType.Refuse("html", "HTML page: it may carry scripts.");
        }

        if (trimmed.StartsWith('<') || MarkupSigns.Any(sign => lower.Contains(sign, StringComparison.Ordinal)))
        {
            return MediaType.Refuse("markup", "XML or markup text: it may be taken for a web page or an SVG image.");
        }

        return LooksLikeText(sample)
            ? MediaType.Unrecognised("Plain text is not accepted: send a PDF or an office document.")
            : MediaType.Unrecognised("Unrecognised content.");
    }

    private static bool LooksLikeText(ReadOnlySpan<byte> sample)
    {
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return false;
            }

            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
            {
                control++;
            }
        }

        return control * 50 < sample.Length;
    }

    private static bool StartsWithBytes(ReadOnlySpan<byte> data, params ReadOnlySpan<byte> prefix) => data.StartsWith(prefix);

    private static bool IsRiff(ReadOnlySpan<byte> head, ReadOnlySpan<byte> form) =>
        head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual(form);
}
