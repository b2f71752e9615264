using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Reperes.OpeningHours;
using Reperes.Web.Api.Publications;
using Reperes.Web.Api.Structures;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Usage;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Api;

public sealed record SearchHitDto(
    int Id,
    string Slug,
    string Name,
    string Summary,
    string? Address,
    double? Latitude,
    double? Longitude,
    double? DistanceKm,
    string OpenState,
    string OpenText,
    string? OpenAbout,
    string? For,
    bool Unconditional,
    IReadOnlyList<string> Categories,
    string Url,
    bool Demo);

public sealed record SearchResponseDto(int Total, bool Capped, int Page, int PageSize, int PageCount, IReadOnlyList<string> Corrections, IReadOnlyList<SearchHitDto> Results)
{
    /// <summary>What the words were understood as: each searched word or phrase and the categories it leads to.</summary>
    public IReadOnlyList<SearchTermDto> Understood { get; init; } = [];

    /// <summary>Words that were not understood, hence not searched.</summary>
    public IReadOnlyList<string> NotUnderstood { get; init; } = [];

    /// <summary>True when no place answers every understood word: the results answer some of them.</summary>
    public bool AnswersPartly { get; init; }

    /// <summary>For no or few results: codes of the closest categories and needs to try.</summary>
    public IReadOnlyList<string> SuggestedCategories { get; init; } = [];

    public IReadOnlyList<string> SuggestedNeeds { get; init; } = [];
}

public sealed record SearchTermDto(string Typed, string Searched, bool Corrected, IReadOnlyList<string> Categories);

public sealed record OpeningHoursEvaluationDto(bool Valid, string? Error, int? ErrorPosition, string? State, string? Comment, string? NextChange, string? Text)
{
    /// <summary>For an invalid value typed in everyday French ("lundi au vendredi 9h-17h"): the exact expression meant.</summary>
    public string? Proposal { get; init; }
}

public sealed record CategoryDto(string Code, string Name, string NameEn, IReadOnlyList<string> Thematiques);

public sealed record NeedDto(string Code, string Name, string NameEn, string Pictogram, IReadOnlyList<CategoryDto> Categories);

public static class GuideApi
{
    public static IEndpointRouteBuilder MapGuideApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireRateLimiting("api");

        // An address the API does not have answers as the API does (problem details in the caller's language), not
        // with the site's HTML error page.
        app.MapFallback("/api/{**path}", (Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer) =>
            TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: localizer["Cette adresse n’existe pas dans l’API : la liste des adresses est sur /api."]))
            .ExcludeFromDescription();
        api.MapGet("/search", SearchAsync).WithName("Search").WithTags("Guide")
            .WithSummary("The guide's search, as its results page shows it.").CountsAs(UsageKind.Api, "search");
        api.MapGet("/opening-hours/evaluate", Evaluate).WithName("EvaluateOpeningHours").WithTags("Opening hours")
            .WithSummary("Evaluates an OpenStreetMap opening_hours expression at an instant.").CountsAs(UsageKind.Api, "opening-hours");
        api.MapGet("/categories", (GuideCatalog catalog) => CachedJson.Ok(catalog.Needs.Select(n => new NeedDto(
                n.Code,
                n.NameFr,
                n.NameEn,
                n.Pictogram,
                n.Categories.Select(c => new CategoryDto(c.Code, c.NameFr, c.NameEn, c.Thematiques)).ToList())).ToList()))
            .WithName("ListCategories").WithTags("Guide")
            .WithSummary("The nine needs and their categories, with the data·inclusion thematiques they map to.").CountsAs(UsageKind.Api, "categories");
        api.MapStructuresApi();
        api.MapPublicationsApi();
        return app;
    }

    private static async Task<Results<Ok<SearchResponseDto>, ValidationProblem>> SearchAsync(
        [AsParameters] SearchRequest request,
        SearchService search,
        GuideCatalog catalog,
        IStringLocalizer<SharedResource> localizer,
        TimeProvider clock,
        HttpContext context,
        CancellationToken cancellationToken)
    {
        var errors = request.Validate(localizer, catalog, SearchRequest.MaxMapPageSize);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = errors.ToArray() }, title: localizer["La recherche est invalide."]);
        }

        var culture = CultureInfo.CurrentUICulture;
        var result = await search.SearchAsync(request, clock.GetUtcNow(), culture, SearchRequest.MaxMapPageSize, cancellationToken);
        if (result.UnknownCommune)
        {
            return CommuneProblem.For(localizer, request.Commune, result.Commune);
        }

        var hits = result.Hits.Select(h => new SearchHitDto(
            h.Id,
            h.Slug,
            h.Name,
            h.Summary,
            h.Street is null ? null : $"{h.Street}, {h.City}",
            h.Latitude,
            h.Longitude,
            h.DistanceKm is { } d ? Math.Round(d, 2) : null,
            h.Hours.CssClass,
            h.Hours.Text,
            h.Open.About?.Name,
            h.For?.Text,
            h.For?.Unconditional == true,
            h.Categories.Select(c => c.Code).ToList(),
            $"/structure/{h.Slug}",
            h.IsDemo)).ToList();
        return TypedResults.Ok(new SearchResponseDto(result.Total, result.Capped, result.Page, result.PageSize, result.PageCount,
            result.Corrections.Select(c => $"{c.Typed}→{c.Corrected}").ToList(), hits)
        {
            Understood = result.Terms.Where(t => !t.Unknown).Select(t => new SearchTermDto(t.Typed, t.Searched, t.Corrected,
                t.CategoryIds.Select(catalog.Category).OfType<CategoryInfo>().Select(c => c.Code).ToList())).ToList(),
            NotUnderstood = result.NotUnderstood,
            AnswersPartly = result.AnswersPartly,
            SuggestedCategories = result.Suggestions?.Categories.Select(c => c.Code).ToList() ?? [],
            SuggestedNeeds = result.Suggestions?.Needs.Select(n => n.Code).ToList() ?? [],
        });
    }

    /// <summary>Evaluates an opening_hours expression at an instant (now by default); an invalid expression is not an error of the API.</summary>
    private static Results<Ok<OpeningHoursEvaluationDto>, ProblemHttpResult> Evaluate(string? value, string? at, string? lang, TimeProvider clock)
    {
        if (value is null)
        {
            return TypedResults.Problem(detail: "The 'value' parameter is required.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (value.Length > 2000)
        {
            return TypedResults.Problem(detail: "The 'value' parameter is longer than 2000 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var instant = clock.GetUtcNow();
        // Years far from today are refused: the next change is looked for a year ahead, beyond the calendar's end.
        if (!string.IsNullOrEmpty(at) && (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant) || instant.Year is < 1900 or > 2200))
        {
            return TypedResults.Problem(detail: "The 'at' parameter must be an ISO 8601 instant with an offset between the years 1900 and 2200, e.g. 2026-07-14T10:00:00+02:00.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!OpeningHoursSchedule.TryParse(value, out var schedule, out var error) || schedule is null)
        {
            return TypedResults.Ok(new OpeningHoursEvaluationDto(false, error?.Message, error?.Position, null, null, null, null) { Proposal = EverydayHours.Propose(value) });
        }

        var state = schedule.GetState(instant);
        var next = schedule.GetNextChange(instant, instant.AddDays(366));
        return TypedResults.Ok(new OpeningHoursEvaluationDto(
            true,
            null,
            null,
            state.Status switch
            {
                OpeningStatus.Open => "open",
                OpeningStatus.Closed => "closed",
                OpeningStatus.Unknown => "unknown",
                _ => throw new InvalidOperationException($"Unknown status {state.Status}."),
            },
            state.Comment,
            next?.ToOffset(HoursEvaluator.Zone.GetUtcOffset(next.Value)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            OpeningHoursText.DescribeNow(schedule, instant, lang == "en" ? "en" : "fr")));
    }
}
