using System.Net;

namespace Reperes.Web.Core;

/// <summary>
/// What the configuration must hold before the application starts: a start refused with every problem in words is
/// better than a site that mails wrong links or trusts any client's forwarded headers.
/// </summary>
public static class StartupChecks
{
    /// <summary>
    /// The problems of <paramref name="options"/> in <paramref name="environment"/> (empty: it may start); the public
    /// address is required of the web server in Production, not of an admin command (<paramref name="serving"/> false).
    /// </summary>
    public static IReadOnlyList<string> Problems(ReperesOptions options, IHostEnvironment environment, bool serving = true)
    {
        var problems = new List<string>();
        var hasBaseUrl = !string.IsNullOrWhiteSpace(options.PublicBaseUrl);
        if (hasBaseUrl && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0))
        {
            problems.Add($"Reperes__PublicBaseUrl must be the site's absolute address, such as https://guide.example.org (got '{options.PublicBaseUrl}').");
        }
        else if (!hasBaseUrl && serving && environment.IsProduction())
        {
            problems.Add("Reperes__PublicBaseUrl is required in Production (the address of the site, such as https://guide.example.org): links in e-mails are built from it, never from the request.");
        }

        problems.AddRange(options.Proxy.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Reperes__Proxy__KnownProxies: '{p}' is not an IP address."));
        problems.AddRange(options.Proxy.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Reperes__Proxy__KnownNetworks: '{n}' is not a network written like 10.0.0.0/24."));
        problems.AddRange(options.Metrics.AllowedNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Reperes__Metrics__AllowedNetworks: '{n}' is not a network written like 10.0.0.0/24."));
        return problems;
    }
}

/// <summary>The configuration does not allow the application to start; the message lists why, in words.</summary>
public sealed class StartupRefusedException(IReadOnlyList<string> problems)
    : Exception("Repères cannot start:\n- " + string.Join("\n- ", problems));
