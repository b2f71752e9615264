using Microsoft.Extensions.Options;
using Reperes.Media;
using Reperes.Web.Core;
using Reperes.Web.Core.Files;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>
/// A document accepted after checking its content: what to store, and as what. A PDF is copied from where ASP.NET
/// buffered the upload, by streams; a photo is re-encoded (its bytes, 5 MB at most).
/// </summary>
public sealed record CheckedDocument(Func<Stream> OpenContent, string ContentType, string Extension);

/// <summary>
/// The optional document of a referral: a PDF, JPEG or PNG recognised by its content (never by its name), at most
/// <see cref="MaxBytes"/>. Photos are decoded and encoded again (no GPS position or other metadata kept). Files live
/// in &lt;storage directory&gt;/referrals under random names, outside every public folder: only the request's pages serve
/// them, to those who may see the request.
/// </summary>
public sealed class ReferralDocuments(IOptions<ReperesOptions> options)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    /// <summary>Pictures are kept large enough to read a scanned page.</summary>
    public const int ImageMaxSize = 2400;

    public string Folder => Files.Path;

    private PrivateFolder Files => new(Path.Combine(options.Value.FullStorageDirectory, "referrals"));

    /// <summary>The document, or the French key of the refusal (with its argument).</summary>
    public static async Task<(CheckedDocument? Document, string? Error, object? Argument)> CheckAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return (null, "Le document est vide : choisissez un autre fichier.", null);
        }

        if (file.Length > MaxBytes)
        {
            return (null, "Le document est trop lourd : {0} Mo au plus.", MaxBytes / (1024 * 1024));
        }

        // Only the head tells what the file is; the rest stays where ASP.NET buffered it.
        var head = new byte[(int)Math.Min(file.Length, MediaSniffer.RecommendedHeadLength)];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(head, cancellationToken);
        }

        var type = MediaSniffer.Identify(head);
        if (type.Format is not ("pdf" or "jpeg" or "png"))
        {
            return (null, "Ce fichier n’est pas un document PDF ni une photo JPEG ou PNG (son contenu a été vérifié) : envoyez un PDF, un JPEG ou un PNG.", null);
        }

        if (MediaSniffer.ExtensionContradicts(file.FileName, type))
        {
            return (null, "Le nom du fichier ne correspond pas à son contenu (un fichier {0}) : renommez-le ou enregistrez-le à nouveau.", type.Format.ToUpperInvariant());
        }

        if (type.Kind != MediaKind.Image)
        {
            return (new CheckedDocument(file.OpenReadStream, type.MimeType!, type.Extension!), null, null);
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        try
        {
            var image = ImageResizer.Downscale(content, ImageMaxSize);
            return (new CheckedDocument(() => new MemoryStream(image.Bytes, writable: false), image.MimeType, image.Extension), null, null);
        }
        catch (MediaFormatException)
        {
            return (null, "Cette image ne peut pas être lue (fichier abîmé ou trop grand) : enregistrez-la à nouveau en JPEG ou PNG.", null);
        }
    }

    /// <summary>Copies the document by streams under a hidden name, then renames it: a file cut short never takes a request's name.</summary>
    public Task<string> SaveAsync(CheckedDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Files.SaveAsync(document.OpenContent, document.Extension, cancellationToken);
    }

    /// <summary>The path of a stored file, or null for a name this store could not have made or a file gone.</summary>
    public string? PathOf(string? name) => Files.PathOf(name);

    public void Delete(string? name) => Files.Delete(name);

    /// <summary>Deletes the stored files that no request names and that were written before <paramref name="before"/>; how many.</summary>
    public int DeleteUnnamed(IReadOnlySet<string> named, DateTimeOffset before)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(path);
            // A hidden ".part" is a copy a stopped process never finished.
            var ours = PathOf(name) is not null || (name.StartsWith('.') && name.EndsWith(".part", StringComparison.Ordinal));
            if (!named.Contains(name) && ours && File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
            {
                File.Delete(path);
                deleted++;
            }
        }

        return deleted;
    }
}
