using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;

namespace Reperes.Web.OpenData.Imports;

/// <summary>
/// Uploaded files waiting between the dry run and "Appliquer": kept under the storage directory by a random token (the
/// browser holds only the token), for one hour, and deleted once applied.
/// </summary>
public sealed class ImportUploads(IOptions<ReperesOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Folder => Path.Combine(options.Value.FullStorageDirectory, "imports");

    public async Task<string> KeepAsync(byte[] file, byte[]? servicesFile, CancellationToken cancellationToken)
    {
        await using var fileStream = new MemoryStream(file, writable: false);
        await using var servicesStream = servicesFile is null ? null : new MemoryStream(servicesFile, writable: false);
        return await KeepAsync(fileStream, servicesStream, cancellationToken);
    }

    /// <summary>Keeps the uploaded files, copied by streams (an upload goes from ASP.NET's buffer on disk to here, never whole in memory).</summary>
    public async Task<string> KeepAsync(Stream file, Stream? servicesFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        Clean();
        Directory.CreateDirectory(Folder);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        try
        {
            await CopyAsync(file, PathOf(token, "file"), cancellationToken);
            if (servicesFile is not null)
            {
                await CopyAsync(servicesFile, PathOf(token, "services"), cancellationToken);
            }
        }
        catch
        {
            Discard(token);
            throw;
        }

        return token;
    }

    /// <summary>Deletes the kept files of a token (a file found unreadable is never kept).</summary>
    public void Discard(string token)
    {
        File.Delete(PathOf(token, "file"));
        File.Delete(PathOf(token, "services"));
    }

    /// <summary>The kept files, or null when the token is unknown, malformed or expired.</summary>
    public async Task<(byte[] File, byte[]? Services)?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        Clean();
        if (token is null || token.Length != 32 || !token.All(char.IsAsciiHexDigitLower) || !File.Exists(PathOf(token, "file")))
        {
            return null;
        }

        var services = PathOf(token, "services");
        return (await File.ReadAllBytesAsync(PathOf(token, "file"), cancellationToken), File.Exists(services) ? await File.ReadAllBytesAsync(services, cancellationToken) : null);
    }

    /// <summary>Once applied, the files are deleted and only what the import did is kept (for the result page).</summary>
    public async Task FinishAsync(string token, ImportPlan result, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(PathOf(token, "result"), System.Text.Json.JsonSerializer.Serialize(result), cancellationToken);
        Discard(token);
    }

    public async Task<ImportPlan?> ResultAsync(string? token, CancellationToken cancellationToken)
    {
        Clean();
        if (token is null || token.Length != 32 || !token.All(char.IsAsciiHexDigitLower) || !File.Exists(PathOf(token, "result")))
        {
            return null;
        }

        return System.Text.Json.JsonSerializer.Deserialize<ImportPlan>(await File.ReadAllTextAsync(PathOf(token, "result"), cancellationToken));
    }

    /// <summary>Deletes what is older than <see cref="Lifetime"/>.</summary>
    public void Clean()
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }

        var limit = clock.GetUtcNow() - Lifetime;
        foreach (var file in Directory.EnumerateFiles(Folder, "*.upload"))
        {
            if (File.GetLastWriteTimeUtc(file) < limit.UtcDateTime)
            {
                File.Delete(file);
            }
        }
    }

    private static async Task CopyAsync(Stream content, string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await content.CopyToAsync(file, cancellationToken);
    }

    private string PathOf(string token, string part) => Path.Combine(Folder, $"{token}.{part}.upload");
}
