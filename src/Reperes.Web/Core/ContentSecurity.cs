namespace Reperes.Web.Core;

/// <summary>
/// The Content-Security-Policy of every answer: scripts, styles, frames and form targets from the site only, no inline
/// script or style attribute at all (need colours are classes, the paper footer a stylesheet), images also from the
/// map's tile server. Only the widget may be framed by other sites.
/// </summary>
public static class ContentSecurity
{
    public static string Policy(ReperesOptions options, bool embeddable) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        + $"img-src 'self' data:{TileSource(options.Map.TileUrl)}; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; "
        + (embeddable ? "frame-ancestors *" : "frame-ancestors 'self'");

    /// <summary>The tile server's origin (" https://*.tile.example" for a {s} subdomain), or nothing for tiles served here.</summary>
    public static string TileSource(string tileUrl)
    {
        if (!Uri.TryCreate(tileUrl.Replace("{s}", "a", StringComparison.Ordinal), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return "";
        }

        var host = tileUrl.Contains("{s}.", StringComparison.Ordinal) ? "*." + uri.Host[2..] : uri.Host;
        return $" {uri.Scheme}://{host}{(uri.IsDefaultPort ? "" : ":" + uri.Port)}";
    }
}
