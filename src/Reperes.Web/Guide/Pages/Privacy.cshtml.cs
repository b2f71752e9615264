using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Reperes.Web.Core.Usage;

namespace Reperes.Web.Guide.Pages;

/// <summary>"Vie privée": what the site keeps, and exactly what its statistics count and do not count.</summary>
public sealed class PrivacyModel(IOptions<UsageOptions> usage) : PageModel
{
    public const string Path = "/confidentialite";

    public UsageOptions Usage => usage.Value;
}
