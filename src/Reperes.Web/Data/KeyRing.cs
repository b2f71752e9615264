using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;

namespace Reperes.Web.Data;

/// <summary>
/// The data-protection key ring (what signs session cookies, antiforgery tokens, slips and unsubscribe links) lives in
/// the database, so that every instance accepts what another issued; each key encrypted at rest with a certificate
/// when <see cref="KeyRingOptions.CertificatePath"/> gives one.
/// </summary>
public static class KeyRing
{
    public static void AddReperesKeyRing(this IServiceCollection services, ReperesOptions options)
    {
        var protection = services.AddDataProtection()
            .PersistKeysToDbContext<ReperesDbContext>()
            .SetApplicationName("Reperes");
        if (Certificate(options.DataProtection) is { } certificate)
        {
            protection.ProtectKeysWithCertificate(certificate);
            protection.UnprotectKeysWithAnyCertificate([certificate, .. options.DataProtection.PreviousCertificatePaths.Select(path => Load(path, options.DataProtection.CertificatePassword))]);
        }
    }

    /// <summary>The certificate that encrypts the keys, or null when none is configured; a start refused in words when it cannot be read.</summary>
    public static X509Certificate2? Certificate(KeyRingOptions options) =>
        string.IsNullOrWhiteSpace(options.CertificatePath) ? null : Load(options.CertificatePath, options.CertificatePassword);

    private static X509Certificate2 Load(string path, string? password)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password);
            return certificate.HasPrivateKey
                ? certificate
                : throw new StartupRefusedException([$"Reperes__DataProtection__CertificatePath: '{path}' holds no private key (a .pfx with its key is needed to read the keys back)."]);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new StartupRefusedException([$"Reperes__DataProtection__CertificatePath: '{path}' cannot be read as a PKCS#12 (.pfx) certificate with that password ({exception.Message})."]);
        }
    }

    /// <summary>
    /// Keys an earlier version kept in &lt;data directory&gt;/keys, copied into the database once, so that an upgrade
    /// neither signs everyone out nor breaks the unsubscribe links already mailed.
    /// </summary>
    public static async Task<int> ImportKeyFilesAsync(ReperesDbContext db, string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var file in Directory.EnumerateFiles(directory, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Add(name))
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, cancellationToken) });
                imported++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return imported;
    }
}
