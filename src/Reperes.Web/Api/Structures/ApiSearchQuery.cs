using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Api.Structures;

/// <summary>
/// The filters of the public lists of structures and services: those of the guide's search (same names, same
/// meaning, same messages), with <c>per_page</c> for the page size.
/// </summary>
public sealed class ApiSearchQuery
{
    [FromQuery(Name = "q")]
    [Description("Words, in everyday language (\"manger\", \"douche\", \"aide pour les papiers\").")]
    public string? Query { get; set; }

    [FromQuery(Name = "need")]
    [Description("A need's code (see /api/v1/categories), e.g. 'se-nourrir'.")]
    public string? Need { get; set; }

    [FromQuery(Name = "category")]
    [Description("A category's code (see /api/v1/categories).")]
    public string? Category { get; set; }

    [FromQuery(Name = "open")]
    [Description("'now' (open at the request's instant, closures applied) or 'today'.")]
    public string? Open { get; set; }

    [FromQuery(Name = "free")]
    [Description("'true': free services only.")]
    public string? Free { get; set; }

    [FromQuery(Name = "walkin")]
    [Description("'true': services without appointment nor registration.")]
    public string? WalkIn { get; set; }

    [FromQuery(Name = "audience")]
    [Description("A public, e.g. 'femmes', 'jeunes', 'familles'.")]
    public string? Audience { get; set; }

    [FromQuery(Name = "language")]
    [Description("A spoken language (ISO 639-1), e.g. 'ar'.")]
    public string? Language { get; set; }

    [FromQuery(Name = "wheelchair")]
    [Description("'true': wheelchair accessible places only.")]
    public string? Wheelchair { get; set; }

    [FromQuery(Name = "aide")]
    [Description("Digital mediation: a kind of help every answer offers (repeatable), e.g. 'demarches', 'acces-internet' (codes of the national standard's services, see the README).")]
    public string[]? Help { get; set; }

    [FromQuery(Name = "accompagnement")]
    [Description("Digital mediation: a way of accompaniment (repeatable): 'autonomie', 'individuel', 'atelier', 'distance'.")]
    public string[]? Support { get; set; }

    [FromQuery(Name = "materiel")]
    [Description("Digital mediation: equipment lent on the spot (repeatable): 'ordinateurs', 'wifi', 'imprimante', 'scanner', 'tablettes'.")]
    public string[]? Equipment { get; set; }

    [FromQuery(Name = "lat")]
    [Description("Latitude (WGS 84) of the place to search around, with 'lon'.")]
    public string? Latitude { get; set; }

    [FromQuery(Name = "lon")]
    [Description("Longitude (WGS 84) of the place to search around, with 'lat'.")]
    public string? Longitude { get; set; }

    [FromQuery(Name = "commune")]
    [Description("A commune to search around: name or postal code.")]
    public string? Commune { get; set; }

    [FromQuery(Name = "radius")]
    [Description("Radius in kilometres around the place or commune (0.1 to 200, 15 by default).")]
    public string? Radius { get; set; }

    [FromQuery(Name = "sort")]
    [Description("'relevance' or 'distance' (nearest first, the default around a place).")]
    public string? Sort { get; set; }

    [FromQuery(Name = "page")]
    [Description("Page number, from 1.")]
    public string? Page { get; set; }

    [FromQuery(Name = "per_page")]
    [Description("Items per page, 1 to 100 (20 by default).")]
    public string? PerPage { get; set; }

    /// <summary>Whether a filter needs the search engine (words, place, opening, structure's own criteria).</summary>
    public bool NeedsSearch =>
        !string.IsNullOrWhiteSpace(Query) || !string.IsNullOrWhiteSpace(Open) || !string.IsNullOrWhiteSpace(Language)
        || !string.IsNullOrWhiteSpace(Wheelchair) || !string.IsNullOrWhiteSpace(Latitude) || !string.IsNullOrWhiteSpace(Longitude)
        || !string.IsNullOrWhiteSpace(Commune) || Help is { Length: > 0 } || Support is { Length: > 0 } || Equipment is { Length: > 0 };

    public SearchRequest ToSearchRequest() => new()
    {
        Query = Query,
        Need = Need,
        Category = Category,
        Open = Open,
        FreeParameter = Free,
        WalkInParameter = WalkIn,
        Audience = Audience,
        Language = Language,
        WheelchairParameter = Wheelchair,
        HelpParameter = Help,
        SupportParameter = Support,
        EquipmentParameter = Equipment,
        Latitude = Latitude,
        Longitude = Longitude,
        Commune = Commune,
        Radius = Radius,
        Sort = Sort,
        Page = Page,
        PageSize = PerPage,
    };
}
