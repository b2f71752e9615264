using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

/// <summary>
/// "Où aller sur internet ?": the places to get online and get help with it (the two digital categories), on a map and
/// in a list, with one-tap toggles for what people ask first — open now, free, with someone to help, with a printer.
/// </summary>
public sealed class InternetModel(SearchService search, GuideCatalog catalog, IStringLocalizer<SharedResource> localizer, TimeProvider clock, IOptions<ReperesOptions> options, SearchUsage usage)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public const string Path = "/internet";

    public MapOptions Map => options.Value.Map;

    public async Task OnGetAsync()
    {
        Search.DigitalParameter = "true";
        if (await RunSearchAsync())
        {
            usage.Count(HttpContext, Search, Result!, SearchUsage.Internet);
        }
    }

    /// <summary>The toggles above the list, each with the page's address when tapped (on → off, off → on).</summary>
    public IReadOnlyList<(string Label, string Pictogram, bool On, string Url)> Toggles() =>
    [
        Toggle("Ouvert maintenant", "open", Search.OpenFilter == OpenFilter.Now, v => v["open"] = Search.OpenFilter == OpenFilter.Now ? null : "now"),
        Toggle("Gratuit", "gratuit", Search.Free, v => v["free"] = Search.Free ? null : "true"),
        Toggle("Avec quelqu’un pour aider", "individuel", Search.DigitalSupport.Contains("individuel"), v => v["accompagnement"] = Flip(Search.DigitalSupport, "individuel")),
        Toggle("Avec une imprimante", "imprimante", Search.DigitalEquipment.Contains("imprimante"), v => v["materiel"] = Flip(Search.DigitalEquipment, "imprimante")),
    ];

    private (string, string, bool, string) Toggle(string label, string pictogram, bool on, Action<Dictionary<string, StringValues>> change) =>
        (Localizer[label].Value, pictogram, on, Path + Search.ToQueryString(values =>
        {
            values["numerique"] = StringValues.Empty;
            values["page"] = StringValues.Empty;
            change(values);
        }));

    private static StringValues Flip(IReadOnlyList<string> codes, string code) =>
        codes.Contains(code) ? codes.Where(c => c != code).ToArray() : codes.Append(code).ToArray();
}
