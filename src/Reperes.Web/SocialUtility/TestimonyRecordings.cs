using Microsoft.Extensions.Options;
using Reperes.Media;
using Reperes.Web.Core;
using Reperes.Web.Core.Files;

namespace Reperes.Web.SocialUtility;

/// <summary>A recording accepted after checking its content: how to read it, and as what.</summary>
public sealed record CheckedRecording(Func<Stream> OpenContent, string ContentType, string Extension);

/// <summary>
/// The recordings of testimonies: sound files recognised by their content (never by their name), at most
/// <see cref="MaxBytes"/>, stored under &lt;storage directory&gt;/testimonies with random names, outside every public
/// folder: only the structure's evaluation pages serve them, to those who may read the testimony.
/// </summary>
public sealed class TestimonyRecordings(IOptions<ReperesOptions> options)
{
    public const long MaxBytes = 30 * 1024 * 1024;

    public string Folder => Files.Path;

    private PrivateFolder Files => new(Path.Combine(options.Value.FullStorageDirectory, "testimonies"));

    /// <summary>The recording, or the French key of the refusal (with its argument).</summary>
    public static async Task<(CheckedRecording? Recording, string? Error, object? Argument)> CheckAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return (null, "L’enregistrement est vide : choisissez un autre fichier.", null);
        }

        if (file.Length > MaxBytes)
        {
            return (null, "L’enregistrement est trop lourd : {0} Mo au plus.", MaxBytes / (1024 * 1024));
        }

        var head = new byte[(int)Math.Min(file.Length, MediaSniffer.RecommendedHeadLength)];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(head, cancellationToken);
        }

        var type = MediaSniffer.Identify(head);
        if (type.Kind != MediaKind.Audio || type.MimeType is null || type.Extension is null)
        {
            return (null, "Ce fichier n’est pas un enregistrement sonore (son contenu a été vérifié) : envoyez un fichier MP3, M4A, OGG, WAV ou FLAC.", null);
        }

        if (MediaSniffer.ExtensionContradicts(file.FileName, type))
        {
            return (null, "Le nom du fichier ne correspond pas à son contenu (un fichier {0}) : renommez-le ou enregistrez-le à nouveau.", type.Format.ToUpperInvariant());
        }

        return (new CheckedRecording(file.OpenReadStream, type.MimeType, type.Extension), null, null);
    }

    /// <summary>Copies the recording by streams under a hidden name, then renames it: a file cut short never takes a testimony's name.</summary>
    public Task<string> SaveAsync(CheckedRecording recording, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recording);
        return Files.SaveAsync(recording.OpenContent, recording.Extension, cancellationToken);
    }

    /// <summary>The path of a stored file, or null for a name this store could not have made or a file gone.</summary>
    public string? PathOf(string? name) => Files.PathOf(name);

    public void Delete(string? name) => Files.Delete(name);
}
