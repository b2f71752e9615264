using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Reperes.Web.Core;
using Reperes.Web.Core.Reading;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide;

/// <summary>The public guide: its search and index (which follows every structure write), communes, print, language.</summary>
public static class GuideModule
{
    public static IServiceCollection AddGuide(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchResultCache>();
        services.AddSingleton<Pages.ResultsPageCache>();
        services.AddSingleton<SearchReadModel>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchReadModel>());
        services.AddSingleton<SearchWarmUp>();
        services.AddHostedService(provider => provider.GetRequiredService<SearchWarmUp>());
        services.AddSingleton<SearchLexicons>();
        services.AddSingleton<Communes.FrenchCommunes>();
        services.AddSingleton<CommuneDirectory>();
        services.AddScoped<SearchService>();
        services.AddSingleton<SearchUsage>();
        services.AddScoped<Print.PrintedGuide>();
        services.AddScoped<IStructureIndex, GuideStructureIndex>();
        return services;
    }

    public static IEndpointRouteBuilder MapGuide(this IEndpointRouteBuilder app)
    {
        // The language chosen from the menu, remembered for a year; back to the page it was chosen on.
        app.MapGet("/langue/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (Cultures.Find(culture) is not { } language)
            {
                return Results.BadRequest();
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Code)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        });

        // Reading preferences (easy-read French, text size): links that work without JavaScript, remembered like the
        // language, then back to the page. An unknown choice changes nothing.
        app.MapGet(ReaderPreferences.Path + "/facile/{choice}", (string choice, string? retour, HttpContext context) =>
        {
            if (choice is not ("oui" or "non"))
            {
                return Results.BadRequest();
            }

            ReaderPreferences.WriteEasyRead(context, choice == "oui");
            return BackTo(retour, context);
        }).ExcludeFromDescription();
        app.MapGet(ReaderPreferences.Path + "/taille/{size}", (string size, string? retour, HttpContext context) =>
        {
            if (ReaderPreferences.ParseSize(size) is not { } chosen)
            {
                return Results.BadRequest();
            }

            ReaderPreferences.WriteTextSize(context, chosen);
            return BackTo(retour, context);
        }).ExcludeFromDescription();
        app.MapGet(PrintFooterPath, (Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> localizer, TimeProvider clock, HttpContext context) =>
        {
            // The paper guide's footer (time of printing, page numbers) as a stylesheet rather than an inline <style>,
            // so that the Content-Security-Policy needs no 'unsafe-inline'. Never cached: the time is the printing's.
            context.Response.Headers.CacheControl = "no-store";
            var printedAt = Pages.PrintModel.CssString(localizer["Repères — imprimé le {0}", Print.PrintTime.Text(clock.GetUtcNow(), localizer, CultureInfo.CurrentUICulture)].Value);
            return Results.Text($"@page {{ @bottom-left {{ content: \"{printedAt}\"; }} @bottom-right {{ content: counter(page) \" / \" counter(pages); }} }}\n", "text/css; charset=utf-8");
        }).ExcludeFromDescription();
        app.MapPost("/usage/tap", TapAsync).RequireRateLimiting(TapPolicy).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>Back to a page of this site (never another site), without being indexed on the way.</summary>
    private static IResult BackTo(string? url, HttpContext context)
    {
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.LocalRedirect(url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/");
    }

    /// <summary>The printed guide's footer stylesheet (in the page's language: ?lang=).</summary>
    public const string PrintFooterPath = "/guide-imprimable/pied-de-page.css";

    /// <summary>The rate limit of counted taps: a person taps a few links a minute, never sixty.</summary>
    public const string TapPolicy = "usage-taps";

    public const int TapsPerMinute = 60;

    /// <summary>
    /// A tap on a place's call, directions, website or e-mail link (sent by site.js as a beacon): counted with the place's
    /// commune and main need. An unknown kind or place, or a place not online, is refused and counts nothing.
    /// </summary>
    private static async Task<IResult> TapAsync(string? kind, string? structure, HttpContext context, ReperesDbContext db, UsageCounter counter)
    {
        UsageKind? tap = kind switch
        {
            "call" => UsageKind.Call,
            "directions" => UsageKind.Directions,
            "website" => UsageKind.Website,
            "email" => UsageKind.Email,
            _ => null,
        };
        if (tap is null || !int.TryParse(structure, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown tap", detail: "kind must be call, directions, website or email, and structure a structure's number.");
        }

        var places = await UsagePlaces.OnlineAsync(db, [id], context.RequestAborted);
        if (!places.TryGetValue(id, out var place))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown structure", detail: "No structure online in the guide has this number.");
        }

        counter.Count(context, place.Fact(tap.Value));
        return TypedResults.NoContent();
    }
}
