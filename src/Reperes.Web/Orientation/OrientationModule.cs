using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Data;
using Reperes.Web.Orientation.Lists;
using Reperes.Web.Orientation.Referrals;

namespace Reperes.Web.Orientation;

/// <summary>
/// The orientation slip: anyone adds places from results and sheets to a slip their browser keeps, chooses the
/// services, writes a note, prints it, and shares it by a link that shows the places as they are when opened.
/// </summary>
public static class OrientationModule
{
    public const string SlipPath = "/fiche-orientation";

    public static IServiceCollection AddOrientation(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OrientationOptions>(configuration.GetSection(OrientationOptions.Section));
        services.AddScoped<SlipBuilder>();
        services.AddScoped<SlipUsage>();
        // Read and checked now: a rule naming an unknown code stops the start rather than finding nothing later.
        services.AddSingleton(DigitalScreening.ScreeningRules.Load());
        services.AddScoped<DigitalScreening.ScreeningPlaces>();
        services.AddScoped<Professionals.ProfessionalRegistration>();
        var mailsPerHour = configuration.GetSection(OrientationOptions.Section).Get<OrientationOptions>()?.MailsPerHour ?? new OrientationOptions().MailsPerHour;
        // Made by the container, which disposes it: an instance given to it would never be, and its limiter's timer
        // would keep the stopped application alive.
        services.AddSingleton(_ => new SlipMailLimiter(mailsPerHour));
        services.AddPlaceLists(configuration);
        services.AddReferrals(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapOrientation(this IEndpointRouteBuilder app)
    {
        // "Ajouter à ma fiche d'orientation" from a result list or a sheet: a plain form (antiforgery checked for form
        // parameters), then back to the page the person was on.
        app.MapPost(SlipPath + "/ajouter", async (HttpContext context, IAntiforgery antiforgery, ReperesDbContext db) =>
        {
            // Checked here rather than by the endpoint's form metadata, so that the error page shown for a refusal
            // may read the request like any other.
            if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var back = LocalUrl(form["retour"]) ?? SlipPath;
            if (!int.TryParse(form["id"], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !await PublicData.Structures(db).AnyAsync(s => s.Id == id, context.RequestAborted))
            {
                return Results.LocalRedirect(SlipPath + "?erreur=inconnue");
            }

            var slip = SlipCookie.Read(context);
            if (!slip.Contains(id) && slip.Places.Count >= SlipSelection.MaxPlaces)
            {
                return Results.LocalRedirect(SlipPath + "?erreur=pleine");
            }

            var requested = form["service"]
                .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Where(v => v > 0)
                .Distinct()
                .Take(SlipSelection.MaxServicesPerPlace)
                .ToList();
            var services = requested.Count == 0
                ? []
                : await db.Services.AsNoTracking().Where(v => v.StructureId == id && requested.Contains(v.Id)).Select(v => v.Id).ToListAsync(context.RequestAborted);
            SlipCookie.Write(context, slip.With(new SlipPlace(id, requested.Where(services.Contains).ToList())));
            return Results.LocalRedirect(back);
        });
        return app;
    }

    /// <summary>A path of this site to go back to, or null (never another site).</summary>
    public static string? LocalUrl(string? url) =>
        url is { Length: > 0 and <= 2000 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : null;
}

/// <summary>E-mails of slips per client address and hour: the form sends to any address typed.</summary>
public sealed class SlipMailLimiter(int perHour) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, perHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(HttpContext context)
    {
        using var lease = limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
