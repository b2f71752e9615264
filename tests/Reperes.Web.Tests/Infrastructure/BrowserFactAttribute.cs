namespace Reperes.Web.Tests.Infrastructure;

/// <summary>
/// A browser test: it needs Debian's Chromium. Without it, the test is skipped on a developer's machine and
/// fails under CI (CI=true), where .ci/run installs it.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !Engines.IsCi)
        {
            Skip = $"{ChromiumPath} is missing: apt-get install chromium (required under CI).";
        }
    }
}
