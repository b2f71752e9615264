using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Search;

public enum SearchSort
{
    Relevance,
    Distance,
}

/// <summary>The search form and the JSON search share these query parameters.</summary>
public sealed class SearchRequest
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxMapPageSize = 500;
    public const double DefaultRadiusKm = 15;

    [FromQuery(Name = "q")] public string? Query { get; set; }
    [FromQuery(Name = "need")] public string? Need { get; set; }
    [FromQuery(Name = "category")] public string? Category { get; set; }
    [FromQuery(Name = "open")] public string? Open { get; set; }
    [FromQuery(Name = "free")] public string? FreeParameter { get; set; }
    [FromQuery(Name = "walkin")] public string? WalkInParameter { get; set; }
    [FromQuery(Name = "audience")] public string? Audience { get; set; }
    [FromQuery(Name = "language")] public string? Language { get; set; }
    [FromQuery(Name = "wheelchair")] public string? WheelchairParameter { get; set; }
    [FromQuery(Name = "lat")] public string? Latitude { get; set; }
    [FromQuery(Name = "lon")] public string? Longitude { get; set; }
    [FromQuery(Name = "commune")] public string? Commune { get; set; }
    [FromQuery(Name = "radius")] public string? Radius { get; set; }
    [FromQuery(Name = "sort")] public string? Sort { get; set; }
    [FromQuery(Name = "page")] public string? Page { get; set; }
    [FromQuery(Name = "pageSize")] public string? PageSize { get; set; }

    // Digital mediation (see DigitalMediation): places to get online, the kinds of help, ways of accompaniment and
    // equipment a service must all offer. Any of them keeps the search to the two digital categories.
    [FromQuery(Name = "numerique")] public string? DigitalParameter { get; set; }
    [FromQuery(Name = "aide")] public string[]? HelpParameter { get; set; }
    [FromQuery(Name = "accompagnement")] public string[]? SupportParameter { get; set; }
    [FromQuery(Name = "materiel")] public string[]? EquipmentParameter { get; set; }

    public IReadOnlyList<string> DigitalHelp => Codes(HelpParameter);

    public IReadOnlyList<string> DigitalSupport => Codes(SupportParameter);

    public IReadOnlyList<string> DigitalEquipment => Codes(EquipmentParameter);

    public bool HasMediationFilters => DigitalHelp.Count > 0 || DigitalSupport.Count > 0 || DigitalEquipment.Count > 0;

    /// <summary>Only the services of the digital categories answer (asked, or implied by a mediation filter).</summary>
    public bool Digital => IsChecked(DigitalParameter) || HasMediationFilters;

    /// <summary>
    /// The categories the filters keep: the category, else the need's; with <see cref="Digital"/>, only their digital
    /// ones (all the digital categories when none of theirs is). Empty: no category filter.
    /// </summary>
    public IReadOnlyList<int> FilteredCategoryIds(GuideCatalog catalog)
    {
        IReadOnlyList<int> filtered = catalog.Category(Category) is { } category
            ? [category.Id]
            : catalog.Need(Need) is { } need ? need.Categories.Select(c => c.Id).ToList() : [];
        if (!Digital)
        {
            return filtered;
        }

        var digital = new[] { DigitalMediation.InternetAccessCategory, DigitalMediation.WorkshopsCategory }
            .Select(catalog.Category).OfType<CategoryInfo>().Select(c => c.Id).ToList();
        var both = filtered.Intersect(digital).ToList();
        return both.Count > 0 ? both : digital;
    }

    // Check boxes arrive as strings, so that a missing or odd value is "not checked" rather than a binding error.
    public bool Free => IsChecked(FreeParameter);

    public bool WithoutAppointment => IsChecked(WalkInParameter);

    public bool Wheelchair => IsChecked(WheelchairParameter);

    public bool HasCriteria =>
        !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(Need) || !string.IsNullOrWhiteSpace(Category) ||
        OpenFilter != OpenFilter.Any || Free || WithoutAppointment || !string.IsNullOrWhiteSpace(Audience) ||
        !string.IsNullOrWhiteSpace(Language) || Wheelchair || HasPosition || !string.IsNullOrWhiteSpace(Commune) || Digital;

    public OpenFilter OpenFilter => Open switch
    {
        "now" => OpenFilter.Now,
        "today" => OpenFilter.Today,
        _ => OpenFilter.Any,
    };

    /// <summary>Nearest first when a place is given, unless relevance is asked for.</summary>
    public SearchSort SortOrder => Sort switch
    {
        "distance" => SearchSort.Distance,
        "relevance" => SearchSort.Relevance,
        _ => HasPosition || !string.IsNullOrWhiteSpace(Commune) ? SearchSort.Distance : SearchSort.Relevance,
    };

    public bool HasPosition => !string.IsNullOrWhiteSpace(Latitude) || !string.IsNullOrWhiteSpace(Longitude);

    public double? Lat => ParseDouble(Latitude);
    public double? Lon => ParseDouble(Longitude);
    public double RadiusKm => ParseDouble(Radius) ?? DefaultRadiusKm;
    public int PageNumber => int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 1;
    public int Size(int max) => int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, max) : DefaultPageSize;

    /// <summary>Checks every parameter; messages are in the user's language. Nothing is searched when one is wrong.</summary>
    public IReadOnlyList<string> Validate(IStringLocalizer localizer, GuideCatalog catalog, int maxPageSize = MaxPageSize)
    {
        var errors = new List<string>();
        if (Query is { Length: > TextNormalizer.MaxQueryLength })
        {
            errors.Add(localizer["Votre recherche est trop longue : {0} caractères au plus.", TextNormalizer.MaxQueryLength]);
        }

        if (!string.IsNullOrWhiteSpace(Need) && catalog.Need(Need) is null)
        {
            errors.Add(localizer["Ce besoin n’existe pas."]);
        }

        if (!string.IsNullOrWhiteSpace(Category) && catalog.Category(Category) is null)
        {
            errors.Add(localizer["Cette catégorie n’existe pas."]);
        }

        if (Open is not (null or "" or "now" or "today" or "any"))
        {
            errors.Add(localizer["Le filtre d’ouverture est inconnu."]);
        }

        if (!string.IsNullOrWhiteSpace(Audience) && !GuideVocabulary.Audiences.Contains(Audience))
        {
            errors.Add(localizer["Ce public est inconnu."]);
        }

        if (!string.IsNullOrWhiteSpace(Language) && !GuideVocabulary.SpokenLanguages.Contains(Language))
        {
            errors.Add(localizer["Cette langue est inconnue."]);
        }

        foreach (var (codes, list) in new[] { (DigitalHelp, DigitalMediation.Services), (DigitalSupport, DigitalMediation.Support), (DigitalEquipment, DigitalMediation.Equipment) })
        {
            if (codes.Count > 5 || codes.Any(c => DigitalMediation.Find(list, c) is null))
            {
                errors.Add(localizer["Ce filtre d’aide au numérique est inconnu."]);
                break;
            }
        }

        if (HasPosition)
        {
            if (Lat is not { } lat || Lon is not { } lon || lat is < -90 or > 90 || lon is < -180 or > 180)
            {
                errors.Add(localizer["La position est invalide : latitude entre -90 et 90, longitude entre -180 et 180."]);
            }
        }

        if (Commune is { Length: > 100 })
        {
            errors.Add(localizer["Le nom de la commune est trop long."]);
        }

        if (!string.IsNullOrWhiteSpace(Radius) && (ParseDouble(Radius) is not { } radius || radius is < 0.1 or > 200))
        {
            errors.Add(localizer["Le rayon doit être compris entre 0,1 et 200 km."]);
        }

        if (Sort is not (null or "" or "relevance" or "distance"))
        {
            errors.Add(localizer["Le tri est inconnu."]);
        }

        if (!string.IsNullOrWhiteSpace(Page) && (!int.TryParse(Page, NumberStyles.None, CultureInfo.InvariantCulture, out var page) || page is < 1 or > 10_000))
        {
            errors.Add(localizer["Le numéro de page est invalide."]);
        }

        if (!string.IsNullOrWhiteSpace(PageSize) && (!int.TryParse(PageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size < 1 || size > maxPageSize))
        {
            errors.Add(localizer["La taille de page doit être comprise entre 1 et {0}.", maxPageSize]);
        }

        return errors;
    }

    /// <summary>The same search with some parameters changed, as a query string (for links: paging, map, print).</summary>
    public Dictionary<string, StringValues> ToRouteValues() => new()
    {
        ["q"] = Query,
        ["need"] = Need,
        ["category"] = Category,
        ["open"] = Open,
        ["free"] = Free ? "true" : null,
        ["walkin"] = WithoutAppointment ? "true" : null,
        ["audience"] = Audience,
        ["language"] = Language,
        ["wheelchair"] = Wheelchair ? "true" : null,
        ["lat"] = Latitude,
        ["lon"] = Longitude,
        ["commune"] = Commune,
        ["radius"] = Radius,
        ["sort"] = Sort,
        ["numerique"] = IsChecked(DigitalParameter) ? "true" : null,
        ["aide"] = DigitalHelp.ToArray(),
        ["accompagnement"] = DigitalSupport.ToArray(),
        ["materiel"] = DigitalEquipment.ToArray(),
    };

    /// <summary>The query string of <see cref="ToRouteValues"/> after <paramref name="change"/>, without empty values.</summary>
    public QueryString ToQueryString(Action<Dictionary<string, StringValues>>? change = null)
    {
        var values = ToRouteValues();
        change?.Invoke(values);
        return QueryString.Create(values.Where(v => !StringValues.IsNullOrEmpty(v.Value)));
    }

    private static IReadOnlyList<string> Codes(string[]? values) =>
        values is null ? [] : values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.Ordinal).ToList();

    private static bool IsChecked(string? value) => value is "true" or "on" or "1" or "True";

    private static double? ParseDouble(string? value) =>
        double.TryParse(value?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
