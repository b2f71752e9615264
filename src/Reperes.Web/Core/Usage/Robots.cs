namespace Reperes.Web.Core.Usage;

/// <summary>
/// Requests that are not a person's action: robots, monitoring and tools by their user agent (read, never kept), HEAD
/// requests and the browser's own prefetching.
/// </summary>
public static class Robots
{
    /// <summary>Pieces of user agents of crawlers, link previews, monitoring and load tools (lower case).</summary>
    private static readonly string[] Crawlers =
    [
        "bot", "crawl", "spider", "slurp", "archiver", "preview", "facebookexternalhit", "monitor", "uptime", "pingdom",
        "statuscake", "check_http", "nagios", "zabbix", "prometheus", "lighthouse", "wrk", "apachebench",
    ];

    /// <summary>Pieces of user agents of headless browsers and scripting tools (lower case): no person's browser, yet a program's legitimate API call.</summary>
    private static readonly string[] Tools =
    [
        "headless", "phantomjs", "curl/", "wget", "python", "go-http-client", "java/", "okhttp", "libwww", "httpclient",
        "axios", "node-fetch", "undici", "scrapy", "postman", "insomnia",
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

        return Contains(userAgent, Crawlers) || Contains(userAgent, Tools);
    }

    /// <summary>A crawler, monitoring, a load tool, HEAD or prefetching: not a use of the API or of an export (a script's call is one).</summary>
    public static bool IsCrawler(HttpRequest request) =>
        HttpMethods.IsHead(request.Method) || IsPrefetch(request) || Contains(request.Headers.UserAgent.ToString(), Crawlers);

    private static bool Contains(string userAgent, string[] markers)
    {
        foreach (var marker in markers)
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
