using Reperes.Web.Core.Mail;

namespace Reperes.Web.Core;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>The "Reperes" configuration section (environment variables Reperes__…).</summary>
public sealed class ReperesOptions
{
    public const string Section = "Reperes";

    /// <summary>All state of this instance lives here: database file (SQLite), mail folder in development.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Where the files that every instance must see live: uploaded media, referral documents, imports waiting to be
    /// applied. Several instances mount the same directory here (Reperes__StorageDirectory); by default the data
    /// directory.
    /// </summary>
    public string? StorageDirectory { get; set; }

    public DatabaseOptions Database { get; set; } = new();

    /// <summary>Load the Brest demonstration data into an empty database.</summary>
    public bool DemoData { get; set; }

    /// <summary>With the demo data, a year of invented use of the guide, for the statistics pages (development only).</summary>
    public bool DemoUsage { get; set; }

    /// <summary>With the demo data, the network's evaluation template and a year of evaluation by five structures (development only).</summary>
    public bool DemoEvaluation { get; set; }

    /// <summary>Public address of the site, used in links sent by e-mail and in exports.</summary>
    public string? PublicBaseUrl { get; set; }

    public MapOptions Map { get; set; } = new();

    public GeocoderOptions Geocoder { get; set; } = new();

    /// <summary>Machine drafts of the content's translations (off unless its endpoint is set).</summary>
    public Translations.MachineTranslationOptions MachineTranslation { get; set; } = new();

    public ApiOptions Api { get; set; } = new();

    public EmailOptions Email { get; set; } = new();

    public ProxyOptions Proxy { get; set; } = new();

    public MediaOptions Media { get; set; } = new();

    public KeyRingOptions DataProtection { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public SearchOptions Search { get; set; } = new();

    /// <summary>Seconds a stop waits for the requests in flight to finish.</summary>
    public int ShutdownSeconds { get; set; } = 30;

    /// <summary>
    /// The site's address as the request gives it, for pages that show it back to the same visitor (print-outs, feeds,
    /// the API): the public address when set. Never for a link that leaves the request (e-mails): see
    /// <see cref="LinkBaseUrl"/>.
    /// </summary>
    public string BaseUrl(HttpRequest request) =>
        (string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl).TrimEnd('/');

    /// <summary>
    /// The site's address for links sent away (e-mails, reminders, printed links to come back): Reperes__PublicBaseUrl,
    /// never the request's Host header, which anyone can set (a reset link to evil.example). Without it (it is
    /// required in Production), the first address the server listens on (ASPNETCORE_URLS), else http://localhost; a
    /// warning says so at start-up.
    /// </summary>
    public string LinkBaseUrl => string.IsNullOrWhiteSpace(PublicBaseUrl) ? fallbackBaseUrl : PublicBaseUrl.TrimEnd('/');

    private string fallbackBaseUrl = "http://localhost";

    /// <summary>The address <see cref="LinkBaseUrl"/> uses when no public address is set: the first of <paramref name="urls"/> (ASPNETCORE_URLS).</summary>
    internal void UseListeningAddress(string? urls)
    {
        var first = (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();

        // "http://+:80", "http://*:80" and "http://0.0.0.0:80" listen everywhere: the machine itself is localhost.
        var listening = first?.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
        fallbackBaseUrl = Uri.TryCreate(listening, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url.GetLeftPart(UriPartial.Authority)
            : "http://localhost";
    }

    /// <summary>
    /// The site's address for links written outside a request (reminders, digests, referral sweeps): see
    /// <see cref="LinkBaseUrl"/>, with a warning when the public address is not set.
    /// </summary>
    public string BaseUrlOutsideRequests(ILogger logger, string links)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            logger.LogWarning("Reperes__PublicBaseUrl is not set: the links of {Links} point to {Address}.", links, LinkBaseUrl);
        }

        return LinkBaseUrl;
    }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string FullStorageDirectory => Path.GetFullPath(string.IsNullOrWhiteSpace(StorageDirectory) ? DataDirectory : StorageDirectory);
}

/// <summary>
/// The reverse proxies in front of the application (Reperes__Proxy__KnownProxies__0=10.0.0.2,
/// Reperes__Proxy__KnownNetworks__0=10.0.0.0/24): only their X-Forwarded-For and X-Forwarded-Proto are believed, so
/// that rate limits count each client, cookies are Secure and links are https behind a TLS proxy.
/// </summary>
public sealed class ProxyOptions
{
    public List<string> KnownProxies { get; set; } = [];

    public List<string> KnownNetworks { get; set; } = [];

    public bool IsConfigured => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}

/// <summary>The files structures upload to their publications (Reperes__Media__…).</summary>
public sealed class MediaOptions
{
    /// <summary>The space each structure's files may take, in megabytes (the network's own publications share one such space).</summary>
    public int QuotaMegabytes { get; set; } = 1000;

    public long QuotaBytes => (long)Math.Max(0, QuotaMegabytes) * 1024 * 1024;
}

/// <summary>
/// The certificate that encrypts the data-protection keys stored in the database (Reperes__DataProtection__CertificatePath,
/// a .pfx with its private key, and __CertificatePassword); after a renewal, the old ones in __PreviousCertificatePaths__0…
/// so that keys encrypted with them can still be read.
/// </summary>
public sealed class KeyRingOptions
{
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public List<string> PreviousCertificatePaths { get; set; } = [];
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class SearchOptions
{
    /// <summary>
    /// Distinct searches whose answers are kept for the current minute (0: none kept). Each answer is reused only
    /// within its minute and until the public data change, so it is the one computed afresh.
    /// </summary>
    public int CachedResults { get; set; } = 2000;

    /// <summary>
    /// Megabytes of results pages kept rendered in the minute for the people who see them alike (see ResultsPageCache;
    /// 0: every page rendered). Only with <see cref="CachedResults"/>: a page is served again only with its answer.
    /// </summary>
    public int CachedPagesMegabytes { get; set; } = 32;

    /// <summary>
    /// The public structures held in memory for the search (see SearchReadModel): on by default; off, every search
    /// reads its candidates from the database.
    /// </summary>
    public bool ReadModel { get; set; } = true;

    /// <summary>
    /// A few searches computed as soon as the instance has started, and again once the read model is loaded, so that
    /// the first people do not wait for what every search prepares once (see SearchWarmUp).
    /// </summary>
    public bool WarmUp { get; set; } = true;
}

public sealed class ApiOptions
{
    /// <summary>Requests a minute per client address on /api (the public JSON API is rate-limited).</summary>
    public int RequestsPerMinute { get; set; } = 600;
}

public sealed class MapOptions
{
    public string TileUrl { get; set; } = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    public string Attribution { get; set; } = "© les contributeurs d’OpenStreetMap";
    public double DefaultLatitude { get; set; } = 48.3904;
    public double DefaultLongitude { get; set; } = -4.4861;
}

/// <summary>
/// A geocoder compatible with the national address API (api-adresse.data.gouv.fr: GET ?q=…&amp;citycode=…, GeoJSON
/// answer), to place a sheet's pin from its street. Off unless <see cref="Url"/> is set.
/// </summary>
public sealed class GeocoderOptions
{
    /// <summary>The search address, e.g. https://api-adresse.data.gouv.fr/search/ (empty: no geocoder).</summary>
    public string? Url { get; set; }

    public int TimeoutSeconds { get; set; } = 5;

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
