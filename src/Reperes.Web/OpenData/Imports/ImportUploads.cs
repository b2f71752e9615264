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
        Clean();
        Directory.CreateDirectory(Folder);
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await File.WriteAllBytesAsync(PathOf(token, "file"), file, cancellationToken);
        if (servicesFile is not null)
        {
            await File.WriteAllBytesAsync(PathOf(token, "services"), servicesFile, cancellationToken);
        }

        return token;
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
        File.Delete(PathOf(token, "file"));
        File.Delete(PathOf(token, "services"));
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

    private string PathOf(string token, string part) => Path.Combine(Folder, $"{token}.{part}.upload");
}
