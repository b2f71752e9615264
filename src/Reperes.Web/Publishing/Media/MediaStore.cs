using Microsoft.Extensions.Options;
using Reperes.Web.Core;

namespace Reperes.Web.Publishing.Media;

/// <summary>The files of attachments, in &lt;storage directory&gt;/media under random names chosen here, never the sender's.</summary>
public sealed class MediaStore(IOptions<ReperesOptions> options)
{
    public string Folder => Path.Combine(options.Value.FullStorageDirectory, "media");

    /// <summary>
    /// Copies <paramref name="content"/> into the folder by streams, under a hidden name first, then renames it: a file
    /// cut short (a stopped request, a full disk) never appears under a name the site serves.
    /// </summary>
    public async Task<string> SaveAsync(Stream content, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Folder);
        var name = Guid.NewGuid().ToString("N") + extension;
        var partial = Path.Combine(Folder, "." + name + ".part");
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, Path.Combine(Folder, name));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return name;
    }

    public async Task<string> SaveAsync(byte[] content, string extension, CancellationToken cancellationToken)
    {
        await using var stream = new MemoryStream(content, writable: false);
        return await SaveAsync(stream, extension, cancellationToken);
    }

    /// <summary>The path of a stored file, or null for a name this store could not have made.</summary>
    public string? PathOf(string name)
    {
        if (name.Length is < 33 or > 40 || name.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef") || name.IndexOfAny(['/', '\\']) >= 0 || name[32] != '.')
        {
            return null;
        }

        var path = Path.Combine(Folder, name);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string? name)
    {
        if (name is not null && PathOf(name) is { } path)
        {
            File.Delete(path);
        }
    }
}
