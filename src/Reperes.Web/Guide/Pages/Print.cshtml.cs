using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Guide.Print;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Pages;

/// <summary>
/// The paper guide of a need or a search (with its filters): for each place its notices in force or coming within 30
/// days, the services that answer the question with their own hours grouped, who they are for and on what conditions,
/// and the address of its sheet as text and QR code; the filters, the date and time of printing and the site's address.
/// </summary>
public sealed class PrintModel(
    SearchService search,
    GuideCatalog catalog,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock,
    PrintedGuide printed,
    IOptions<ReperesOptions> options)
    : SearchPageModel(search, catalog, localizer, clock)
{
    public const int MaxEntries = 500;

    public IReadOnlyList<PrintedPlace> Places { get; private set; } = [];

    /// <summary>The site's address, as printed at the foot of every page.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The same search online, for the person who wants it up to date.</summary>
    public string OnlineUrl => BaseUrl + SameSearch("/recherche");

    public async Task OnGetAsync()
    {
        BaseUrl = options.Value.BaseUrl(Request);
        Search.PageSize = MaxEntries.ToString(CultureInfo.InvariantCulture);
        Search.Page = null;
        if (Search.HasCriteria && await RunSearchAsync(MaxEntries) && Result is { } result)
        {
            Places = await printed.PlacesAsync(
                result.Hits.Select(h => (h.Id, h.DistanceKm)).ToList(), result.ScopeCategoryIds, Now, BaseUrl, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        }
    }

    /// <summary>The criteria of the search, in words: what the paper is a list of.</summary>
    public IReadOnlyList<string> AppliedFilters()
    {
        var culture = CultureInfo.CurrentUICulture;
        var filters = new List<string>();
        if (Catalog.Need(Search.Need) is { } need)
        {
            filters.Add(Localizer["Besoin : {0}", need.Name(culture)]);
        }

        if (Catalog.Category(Search.Category) is { } category)
        {
            filters.Add(Localizer["Catégorie : {0}", category.Name(culture)]);
        }

        if (Search.Digital && Catalog.Category(Search.Category) is null)
        {
            filters.Add(Localizer["Lieux pour aller sur internet et s’y faire aider"]);
        }

        if (!string.IsNullOrWhiteSpace(Search.Query))
        {
            filters.Add(Localizer["Recherche : « {0} »", Search.Query.Trim()]);
        }

        switch (Search.OpenFilter)
        {
            case OpenFilter.Now:
                filters.Add(Localizer["Ouvert au moment de l’impression"]);
                break;
            case OpenFilter.Today:
                filters.Add(Localizer["Ouvert le jour de l’impression"]);
                break;
            case OpenFilter.Any:
                break;
            default:
                throw new InvalidOperationException($"Unknown open filter {Search.OpenFilter}.");
        }

        if (Search.Free)
        {
            filters.Add(Localizer["Gratuit"]);
        }

        if (Search.WithoutAppointment)
        {
            filters.Add(Localizer["Sans rendez-vous"]);
        }

        if (!string.IsNullOrWhiteSpace(Search.Audience))
        {
            filters.Add(Localizer["Public : {0}", Labels.Audience(Search.Audience, Localizer)]);
        }

        if (!string.IsNullOrWhiteSpace(Search.Language))
        {
            filters.Add(Localizer["Langue parlée : {0}", Labels.Language(Search.Language)]);
        }

        if (Search.Wheelchair)
        {
            filters.Add(Localizer["Accessible en fauteuil roulant"]);
        }

        foreach (var (codes, list) in new[] { (Search.DigitalHelp, DigitalMediation.Services), (Search.DigitalSupport, DigitalMediation.Support), (Search.DigitalEquipment, DigitalMediation.Equipment) })
        {
            filters.AddRange(codes.Select(c => Localizer[DigitalMediation.LabelOf(list, c)].Value));
        }

        if (Result?.Origin is { } origin)
        {
            var radius = Search.RadiusKm.ToString("0.#", culture);
            filters.Add(origin.Label is { } label ? Localizer["À {0} km au plus de {1}", radius, label] : Localizer["À {0} km au plus de la position donnée", radius]);
        }

        return filters;
    }

    /// <summary>"mardi 24 novembre 2026 à 10:00", in Brest's time.</summary>
    public string PrintedAt() => PrintTime.Text(Now, Localizer, CultureInfo.CurrentUICulture);

    /// <summary>Text as a CSS string's content (the page's footer on paper): quotes, backslashes and tags escaped.</summary>
    public static string CssString(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("<", "\\3C ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
