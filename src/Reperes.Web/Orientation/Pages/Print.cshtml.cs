using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Orientation;

namespace Reperes.Web.Orientation.Pages;

/// <summary>The slip the browser holds, on paper: large type, one page for a few places.</summary>
public sealed class PrintModel(SlipBuilder builder, TimeProvider clock, IOptions<ReperesOptions> options, SlipUsage usage) : PageModel
{
    public SlipView Slip { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>"a6": a pocket card per place (105 × 148 mm) rather than one A4 page.</summary>
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "format")]
    public string? Format { get; set; }

    public bool Pocket => Format == "a6";

    public async Task OnGetAsync()
    {
        BaseUrl = options.Value.BaseUrl(Request);
        Slip = await builder.BuildAsync(SlipCookie.Read(HttpContext), clock.GetUtcNow(), BaseUrl, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        await usage.CountAsync(HttpContext, Slip.Places.Select(p => p.Place.Id).ToList(), SlipUsage.Print, HttpContext.RequestAborted);
    }
}
