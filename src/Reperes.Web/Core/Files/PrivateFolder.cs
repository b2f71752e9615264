namespace Reperes.Web.Core.Files;

/// <summary>
/// A folder of stored files outside every public folder (referral documents, testimonies' recordings), named at random
/// (32 hexadecimal digits and an extension): files are copied by streams under a hidden ".part" name, then renamed, so
/// that a copy cut short never takes a stored name; a name this folder could not have made is never opened.
/// </summary>
public sealed class PrivateFolder(string path)
{
    public string Path { get; } = path;

    public async Task<string> SaveAsync(Func<Stream> openContent, string extension, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(openContent);
        Directory.CreateDirectory(Path);
        var name = Guid.NewGuid().ToString("N") + extension;
        var partial = System.IO.Path.Combine(Path, "." + name + ".part");
        try
        {
            await using (var content = openContent())
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            File.Move(partial, System.IO.Path.Combine(Path, name));
        }
        catch
        {
            File.Delete(partial);
            throw;
        }

        return name;
    }

    /// <summary>Whether this folder could have made the name (its own files, never a path elsewhere).</summary>
    public static bool IsStoredName(string? name) =>
        name is { Length: >= 35 and <= 38 } && !name.AsSpan(0, 32).ContainsAnyExcept("0123456789abcdef") && name[32] == '.'
            && !name.AsSpan(33).ContainsAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>The path of a stored file, or null for a name this folder could not have made or a file gone.</summary>
    public string? PathOf(string? name)
    {
        if (!IsStoredName(name))
        {
            return null;
        }

        var path = System.IO.Path.Combine(Path, name!);
        return File.Exists(path) ? path : null;
    }

    public void Delete(string? name)
    {
        if (PathOf(name) is { } path)
        {
            File.Delete(path);
        }
    }
}
