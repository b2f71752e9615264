namespace Reperes.Web.Core.Usage;

/// <summary>
/// Requests that are not a person's action: robots, monitoring and tools by their user agent (read, never kept), HEAD
/// requests and the browser's own prefetching.
/// </summary>
public static class Robots
{
    /// <summary>Pieces of user agents of crawlers, link previews, monitoring and scripting tools (lower case).</summary>
    private static readonly string[] Markers =
    [
        "bot", "crawl", "spider", "slurp", "archiver", "preview", "facebookexternalhit", "monitor", "uptime", "pingdom",
        "statuscake", "check_http", "nagios", "zabbix", "prometheus", "headless", "lighthouse", "phantomjs", "curl/",
        "wget", "python", "go-http-client", "java/", "okhttp", "libwww", "httpclient", "axios", "node-fetch", "undici",
        "scrapy", "wrk", "apachebench", "postman", "insomnia",
    ];

    public static bool IsRobot(HttpRequest request)
    {
        if (HttpMethods.IsHead(request.Method) || IsPrefetch(request))
        {
            return true;
        }

        var userAgent = request.Headers.UserAgent.ToString();
        return IsRobot(userAgent);
    }

    /// <summary>A user agent that is no person's browser (an empty one included: every browser sends one).</summary>
    public static bool IsRobot(string userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return true;
        }

        foreach (var marker in Markers)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPrefetch(HttpRequest request) =>
        request.Headers["Sec-Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase)
        || request.Headers["Purpose"].ToString().Contains("prefetch", StringComparison.OrdinalIgnoreCase);
}
