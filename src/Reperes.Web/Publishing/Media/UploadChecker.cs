using Reperes.Media;
using Reperes.Web.Core.Publications;

namespace Reperes.Web.Publishing.Media;

/// <summary>
/// An upload accepted after checking its content: what to store and its size. An image is already re-encoded (its
/// bytes, bounded by <see cref="UploadChecker.MaxImageBytes"/>, with a small copy); any other file stays where ASP.NET
/// buffered it on disk and is copied from <see cref="OpenContent"/> by streams, never whole in memory.
/// </summary>
public sealed record CheckedUpload(AttachmentKind Kind, string ContentType, string Extension, long Length, Func<Stream> OpenContent, DownscaledImage? Small)
{
    public int? Width { get; init; }

    public int? Height { get; init; }
}

/// <summary>The outcome of a check: the upload, or the reason of the refusal (a French key of the localizer, and its argument).</summary>
public sealed record UploadCheck(CheckedUpload? Upload, string? Error, object? ErrorArgument = null);

/// <summary>
/// Checks an upload by what it contains, never by its name or declared type: a photo, a sound, a video or a
/// document of an accepted format, under the size of its kind, with a name that does not lie about it. The content is
/// recognised from its first bytes; only photos (15 MB at most) are read whole, to be decoded and encoded again by
/// libvips (upright, in sRGB, without their metadata, such as a GPS position), with a small copy for phones. HEIC
/// photos are refused with a way to send a JPEG instead: see README, "Uploads".
/// </summary>
public static class UploadChecker
{
    public const int LargeImageSize = 1600;
    public const int SmallImageSize = 480;
    public const long MaxImageBytes = 15 * 1024 * 1024;
    public const long MaxAudioBytes = 30 * 1024 * 1024;
    public const long MaxVideoBytes = 100 * 1024 * 1024;
    public const long MaxDocumentBytes = 10 * 1024 * 1024;

    /// <summary>The largest request the upload form accepts (the largest kind, and room for the form's fields).</summary>
    public const long MaxRequestBytes = MaxVideoBytes + (1024 * 1024);

    /// <summary>What the sniffer reads of a file: enough for every format, and for office documents whose table of contents comes late.</summary>
    public const int HeadLength = MediaSniffer.RecommendedHeadLength * 4;

    public static async Task<UploadCheck> CheckAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return new(null, "Choisissez un fichier à envoyer.");
        }

        if (file.Length > MaxVideoBytes)
        {
            return new(null, "Le fichier est trop lourd : {0} Mo au plus.", MaxVideoBytes / (1024 * 1024));
        }

        // ASP.NET has buffered the file on disk (beyond its first 64 KB): only its head is read to know what it is.
        var head = new byte[(int)Math.Min(file.Length, HeadLength)];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(head, cancellationToken);
        }

        var (type, kind, error) = Identify(head, file.Length, file.FileName);
        if (error is not null)
        {
            return error;
        }

        if (kind != AttachmentKind.Image)
        {
            return new(new CheckedUpload(kind, type!.MimeType!, type.Extension!, file.Length, file.OpenReadStream, null), null);
        }

        // A photo is decoded from memory: at most MaxImageBytes, checked above.
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return Reencode(content);
    }

    private static (MediaType? Type, AttachmentKind Kind, UploadCheck? Error) Identify(ReadOnlySpan<byte> head, long length, string? fileName)
    {
        var type = MediaSniffer.Identify(head);
        if (type.Format == "heif")
        {
            return (null, default, new(null, "Cette photo est au format HEIC, que Repères ne sait pas lire : envoyez-la en JPEG. Sur un iPhone, choisissez Réglages › Appareil photo › Formats › « Le plus compatible » pour les prochaines photos, ou envoyez une capture d’écran de celle-ci."));
        }

        if (type.Kind == MediaKind.Refused)
        {
            return (null, default, new(null, "Ce type de fichier n’est pas accepté (programmes, pages web, images SVG, archives…) : envoyez une photo, un son, une vidéo ou un document PDF."));
        }

        if (!type.IsAccepted)
        {
            return (null, default, new(null, "Ce fichier n’est pas reconnu : envoyez une photo (JPEG, PNG, GIF, WebP), un son (MP3, OGG, WAV, WebM, M4A), une vidéo (MP4, WebM) ou un document (PDF, texte, tableur)."));
        }

        if (MediaSniffer.ExtensionContradicts(fileName, type))
        {
            return (null, default, new(null, "Le nom du fichier ne correspond pas à son contenu (un fichier {0}) : renommez-le ou enregistrez-le à nouveau.", type.Format.ToUpperInvariant()));
        }

        var (kind, limit) = type.Kind switch
        {
            MediaKind.Image => (AttachmentKind.Image, MaxImageBytes),
            MediaKind.Audio => (AttachmentKind.Audio, MaxAudioBytes),
            MediaKind.Video => (AttachmentKind.Video, MaxVideoBytes),
            MediaKind.Document => (AttachmentKind.Document, MaxDocumentBytes),
            MediaKind.Unknown or MediaKind.Refused => throw new InvalidOperationException("Refused content is handled above."),
            _ => throw new InvalidOperationException($"Unknown media kind {type.Kind}."),
        };
        if (length > limit)
        {
            return (null, default, new(null, "Le fichier est trop lourd : {0} Mo au plus.", limit / (1024 * 1024)));
        }

        return (type, kind, null);
    }

    private static UploadCheck Reencode(byte[] content)
    {
        try
        {
            var large = ImageResizer.Downscale(content, LargeImageSize);
            var small = large.Width > SmallImageSize || large.Height > SmallImageSize ? ImageResizer.Downscale(large.Bytes, SmallImageSize) : null;
            var bytes = large.Bytes;
            return new(new CheckedUpload(AttachmentKind.Image, large.MimeType, large.Extension, bytes.Length, () => new MemoryStream(bytes, writable: false), small) { Width = large.Width, Height = large.Height }, null);
        }
        catch (MediaFormatException)
        {
            return new(null, "Cette image ne peut pas être lue (fichier abîmé ou trop grand) : enregistrez-la à nouveau en JPEG ou PNG.");
        }
    }
}
