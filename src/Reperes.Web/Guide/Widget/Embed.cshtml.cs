using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Widget;

/// <summary>For partners: choose a need and a commune, copy one line of HTML that shows the guide in their site.</summary>
public sealed class EmbedModel(GuideCatalog catalog, IOptions<ReperesOptions> options) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "need")]
    public string? NeedCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "commune")]
    public string? Commune { get; set; }

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public string Snippet { get; private set; } = "";

    public string WidgetPath { get; private set; } = "";

    public void OnGet()
    {
        var need = catalog.Need(NeedCode);
        var commune = Commune is { Length: > 0 and <= 100 } c ? c.Trim() : null;
        WidgetPath = "/widget" + QueryString.Create(new Dictionary<string, string?> { ["need"] = need?.Code, ["commune"] = commune }.Where(v => v.Value is not null));
        var title = need is null ? "Repères : structures d’aide" : $"Repères : {need.NameFr}";
        Snippet = $"<iframe src=\"{options.Value.BaseUrl(Request)}{WidgetPath}\" title=\"{title.Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)}\" width=\"100%\" height=\"600\" loading=\"lazy\" style=\"border:1px solid #c9ced6\"></iframe>";
    }
}
