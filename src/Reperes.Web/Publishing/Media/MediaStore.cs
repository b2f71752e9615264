using Microsoft.Extensions.Options;
using Reperes.Web.Core;

namespace Reperes.Web.Publishing.Media;

/// <summary>The files of attachments, in &lt;storage directory&gt;/media under random names chosen here, never the sender's.</summary>
public sealed class MediaStore(IOptions<ReperesOptions> options)
{
    public string Folder => Path.Combine(options.Value.FullStorageDirectory, "media");

    public async Task<string> SaveAsync(byte[] content, string extension, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var name = Guid.NewGuid().ToString("N") + extension;
        await File.WriteAllBytesAsync(Path.Combine(Folder, name), content, cancellationToken);
        return name;
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
