using NetVips;

namespace Reperes.Media;

/// <summary>
/// libvips, set up once for untrusted uploads: only the loaders of the four formats the sniffer accepts may run
/// (every other loader — SVG, PDF, TIFF, HEIF, raw, matrix, vips files… — is blocked, and so is every operation
/// libvips marks untrusted), and no operation is cached (an upload is never processed twice, and the cache would keep
/// its pixels in memory).
/// </summary>
internal static class Vips
{
    private static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp"];

    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Kept alive here: libvips calls it from its own threads.</summary>
    private static Log.LogDelegate? ignoreWarnings;

    public static void EnsureConfigured() => _ = Configured.Value;

    private static bool Configure()
    {
        if (!ModuleInitializer.VipsInitialized)
        {
            throw new InvalidOperationException("libvips could not be loaded (package NetVips.Native).", ModuleInitializer.Exception);
        }

        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            Operation.Block(loader, false);
        }

        NetVips.NetVips.BlockUntrusted = true;
        Cache.Max = 0;
        Cache.MaxFiles = 0;
        Cache.MaxMem = 0;

        // A damaged upload makes libvips warn on standard error; the failure itself comes back as an exception.
        ignoreWarnings = (_, _, _) => { };
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, ignoreWarnings);
        return true;
    }
}
