using Microsoft.AspNetCore.Localization;
using Reperes.Web.Core;
using Reperes.Web.Core.Structures;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide;

/// <summary>The public guide: its search and index (which follows every structure write), communes, print, language.</summary>
public static class GuideModule
{
    public static IServiceCollection AddGuide(this IServiceCollection services)
    {
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<SearchLexicons>();
        services.AddSingleton<Communes.FrenchCommunes>();
        services.AddSingleton<CommuneDirectory>();
        services.AddScoped<SearchService>();
        services.AddScoped<Print.PrintedGuide>();
        services.AddScoped<IStructureIndex, GuideStructureIndex>();
        return services;
    }

    public static IEndpointRouteBuilder MapGuide(this IEndpointRouteBuilder app)
    {
        // The language chosen from the menu, remembered for a year; back to the page it was chosen on.
        app.MapGet("/langue/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            if (Cultures.Supported.All(c => c.Name != culture))
            {
                return Results.BadRequest();
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        });
        return app;
    }
}
