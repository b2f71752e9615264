using System.Net;

namespace Reperes.Web.Core;

/// <summary>
/// What the configuration must hold before the application starts: a start refused with every problem in words is
/// better than a site that mails wrong links or trusts any client's forwarded headers.
/// </summary>
public static class StartupChecks
{
    /// <summary>The problems of <paramref name="options"/> in <paramref name="environment"/> (empty: it may start).</summary>
    public static IReadOnlyList<string> Problems(ReperesOptions options, IHostEnvironment environment)
    {
        var problems = new List<string>();
        var hasBaseUrl = !string.IsNullOrWhiteSpace(options.PublicBaseUrl);
        if (hasBaseUrl && !(Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Query.Length == 0))
        {
            problems.Add($"Reperes__PublicBaseUrl must be the site's absolute address, such as https://guide.example.org (got '{options.PublicBaseUrl}').");
        }
        else if (!hasBaseUrl && environment.IsProduction())
        {
            problems.Add("Reperes__PublicBaseUrl is required in Production (the address of the site, such as https://guide.example.org): links in e-mails are built from it, never from the request.");
        }

        problems.AddRange(options.Proxy.KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"Reperes__Proxy__KnownProxies: '{p}' is not an IP address."));
        problems.AddRange(options.Proxy.KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"Reperes__Proxy__KnownNetworks: '{n}' is not a network written like 10.0.0.0/24."));
        return problems;
    }
}
