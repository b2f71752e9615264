using Microsoft.Extensions.Options;
using Reperes.Media;
using Reperes.Web.Core;

namespace Reperes.Web.Orientation.Referrals;

/// <summary>A document accepted after checking its content: what to store, and as what.</summary>
public sealed record CheckedDocument(byte[] Content, string ContentType, string Extension);

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

    public string Folder => Path.Combine(options.Value.FullStorageDirectory, "referrals");

    /// <summary>The document, or the French key of the refusal (with its argument).</summary>
    public static async Task<(CheckedDocument? Document, string? Error, object? Argument)> CheckAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > MaxBytes)
        {
            return (null, "Le document est trop lourd : {0} Mo au plus.", MaxBytes / (1024 * 1024));
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        return Check(content, file.FileName);
    }

    public static (CheckedDocument? Document, string? Error, object? Argument) Check(byte[] content, string? fileName)
    {
        if (content.Length == 0)
        {
            return (null, "Le document est vide : choisissez un autre fichier.", null);
        }

        if (content.Length > MaxBytes)
        {
            return (null, "Le document est trop lourd : {0} Mo au plus.", MaxBytes / (1024 * 1024));
        }

        var type = MediaSniffer.Identify(content.AsSpan(0, Math.Min(content.Length, MediaSniffer.RecommendedHeadLength)));
        if (type.Format is not ("pdf" or "jpeg" or "png"))
        {
            return (null, "Ce fichier n’est pas un document PDF ni une photo JPEG ou PNG (son contenu a été vérifié) : envoyez un PDF, un JPEG ou un PNG.", null);
        }

        if (MediaSniffer.ExtensionContradicts(fileName, type))
        {
            return (null, "Le nom du fichier ne correspond pas à son contenu (un fichier {0}) : renommez-le ou enregistrez-le à nouveau.", type.Format.ToUpperInvariant());
        }

        if (type.Kind != MediaKind.Image)
        {
            return (new CheckedDocument(content, type.MimeType!, type.Extension!), null, null);
        }

        try
        {
            var image = ImageResizer.Downscale(content, ImageMaxSize);
            return (new CheckedDocument(image.Bytes, image.MimeType, image.Extension), null, null);
        }
        catch (MediaFormatException)
        {
            return (null, "Cette image ne peut pas être lue (fichier abîmé ou trop grand) : enregistrez-la à nouveau en JPEG ou PNG.", null);
        }
    }

    public async Task<string> SaveAsync(CheckedDocument document, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = Guid.NewGuid().ToString("N") + document.Extension;
        await File.WriteAllBytesAsync(Path.Combine(Folder, name), document.Content, cancellationToken);
        return name;
    }

    /// <summary>The path of a stored file, or null for a name this store could not have made or a file gone.</summary>
    public string? PathOf(string? name)
    {
        if (name is null || name.Length is < 36 or > 37 || name.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef") || name[32] != '.' || name.IndexOfAny(['/', '\\']) >= 0)
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string? name)
    {
        if (PathOf(name) is { } path)
        {
            File.Delete(path);
        }
    }

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
            if (!named.Contains(name) && PathOf(name) is not null && File.GetLastWriteTimeUtc(path) < before.UtcDateTime)
            {
                File.Delete(path);
                deleted++;
            }
        }

        return deleted;
    }
}
