using Reperes.Media;

namespace Reperes.Web.Publishing.Media;

/// <summary>An upload accepted after checking its content: what to store (images already re-encoded, with their size).</summary>
public sealed record CheckedUpload(AttachmentKind Kind, string ContentType, string Extension, byte[] Content, DownscaledImage? Small)
{
    public int? Width { get; init; }

    public int? Height { get; init; }
}

/// <summary>The outcome of a check: the upload, or the reason of the refusal (a French key of the localizer, and its argument).</summary>
public sealed record UploadCheck(CheckedUpload? Upload, string? Error, object? ErrorArgument = null);

/// <summary>
/// Checks an upload by what it contains, never by its name or declared type: a photo, a sound, a video or a
/// document of an accepted format, under the size of its kind, with a name that does not lie about it. Photos are
/// decoded and encoded again by libvips (upright, in sRGB, without their metadata, such as a GPS position), with a
/// small copy for phones. HEIC photos are refused with a way to send a JPEG instead: see README, "Uploads".
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

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return Check(content, file.FileName);
    }

    public static UploadCheck Check(byte[] content, string? fileName)
    {
        var type = MediaSniffer.Identify(content.AsSpan(0, (int)Math.Min(content.Length, MediaSniffer.RecommendedHeadLength * 4)));
        if (type.Format == "heif")
        {
            return new(null, "Cette photo est au format HEIC, que Repères ne sait pas lire : envoyez-la en JPEG. Sur un iPhone, choisissez Réglages › Appareil photo › Formats › « Le plus compatible » pour les prochaines photos, ou envoyez une capture d’écran de celle-ci.");
        }

        if (type.Kind == MediaKind.Refused)
        {
            return new(null, "Ce type de fichier n’est pas accepté (programmes, pages web, images SVG, archives…) : envoyez une photo, un son, une vidéo ou un document PDF.");
        }

        if (!type.IsAccepted)
        {
            return new(null, "Ce fichier n’est pas reconnu : envoyez une photo (JPEG, PNG, GIF, WebP), un son (MP3, OGG, WAV, WebM, M4A), une vidéo (MP4, WebM) ou un document (PDF, texte, tableur).");
        }

        if (MediaSniffer.ExtensionContradicts(fileName, type))
        {
            return new(null, "Le nom du fichier ne correspond pas à son contenu (un fichier {0}) : renommez-le ou enregistrez-le à nouveau.", type.Format.ToUpperInvariant());
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
        if (content.Length > limit)
        {
            return new(null, "Le fichier est trop lourd : {0} Mo au plus.", limit / (1024 * 1024));
        }

        if (kind != AttachmentKind.Image)
        {
            return new(new CheckedUpload(kind, type.MimeType!, type.Extension!, content, null), null);
        }

        try
        {
            var large = ImageResizer.Downscale(content, LargeImageSize);
            var small = large.Width > SmallImageSize || large.Height > SmallImageSize ? ImageResizer.Downscale(large.Bytes, SmallImageSize) : null;
            return new(new CheckedUpload(kind, large.MimeType, large.Extension, large.Bytes, small) { Width = large.Width, Height = large.Height }, null);
        }
        catch (MediaFormatException)
        {
            return new(null, "Cette image ne peut pas être lue (fichier abîmé ou trop grand) : enregistrez-la à nouveau en JPEG ou PNG.");
        }
    }
}
