using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Accounts;
using Reperes.Web.Admin;
using Reperes.Web.Api;
using Reperes.Web.Core;
using Reperes.Web.Core.Usage;
using Reperes.Web.Data;
using Reperes.Web.Freshness;
using Reperes.Web.Guide;
using Reperes.Web.Guide.Search;
using Reperes.Web.OpenData;
using Reperes.Web.Orientation;
using Reperes.Web.Publishing;
using Reperes.Web.SocialUtility;
using Reperes.Web.Statistics;
using Reperes.Web.Translations;

namespace Reperes.Web;

public static class ReperesApplication
{
    public static readonly CultureInfo[] SupportedCultures = Cultures.Supported;

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection(ReperesOptions.Section).Get<ReperesOptions>() ?? new ReperesOptions();
        builder.Services.Configure<ReperesOptions>(builder.Configuration.GetSection(ReperesOptions.Section));
        if (StartupChecks.Problems(options, builder.Environment, serving: !Admin.AdminCommands.Handles(args)) is { Count: > 0 } problems)
        {
            throw new StartupRefusedException(problems);
        }

        Directory.CreateDirectory(options.FullDataDirectory);
        if (!builder.Environment.IsDevelopment() && builder.Configuration["Logging:Console:FormatterName"] is null)
        {
            // One JSON object per line for the log collector, each with the request's id and path (scopes); a developer
            // reads the plain format. Logging__Console__FormatterName=simple brings it back anywhere.
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        if (options.Proxy.IsConfigured)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.KnownProxies.Clear();
                o.KnownIPNetworks.Clear();
                foreach (var proxy in options.Proxy.KnownProxies)
                {
                    o.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in options.Proxy.KnownNetworks)
                {
                    o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddReperesDatabase(builder.Configuration, options);
        builder.Services.AddReperesKeyRing(options);

        // The core, then each feature in the one-way order of README's Layout section.
        builder.Services.AddCore(builder.Configuration);
        builder.Services.AddGuide();
        builder.Services.AddOrientation(builder.Configuration);
        builder.Services.AddAccounts();
        builder.Services.AddFreshness(builder.Configuration);
        builder.Services.AddPublishing();
        builder.Services.AddTranslations();
        builder.Services.AddStatistics();
        builder.Services.AddSocialUtility(builder.Configuration);
        builder.Services.AddPublicApi();
        builder.Services.AddOpenData();
        builder.Services.AddAdmin(builder.Configuration);

        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("fr");
            o.SupportedCultures = SupportedCultures;
            o.SupportedUICultures = SupportedCultures;
            o.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
        });
        builder.Services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AddPageRoute("/Publishing/Back/EditPublication", "/mon-espace/publications/nouvelle");
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddProblemDetails();
        // Secure whenever the request came in https (directly or said so by a trusted proxy); always in production over TLS.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        // Accented and non-Latin letters as they are, not as entities: lighter pages, readable sources. Markup
        // characters (< > & " ') are still encoded.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/geo+json"]);
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);

        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = $"At most {options.Api.RequestsPerMinute} requests a minute: retry in a minute." },
                });
            };
            o.AddPolicy("api", context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.Api.RequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(Guide.GuideModule.TapPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = Guide.GuideModule.TapsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });

        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [HealthChecks.Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [HealthChecks.Ready])
            .AddCheck<StoppingHealthCheck>("accepting", tags: [HealthChecks.Ready]);
        builder.Services.AddReperesMetrics();

        // A stop (SIGTERM, a deployment) lets the requests in flight finish, up to this long; meanwhile /health/ready
        // answers 503 so that the proxy sends the next ones elsewhere.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Clamp(options.ShutdownSeconds, 1, 600)));
        return builder.Build();
    }

    /// <summary>Migrates the schema, loads the taxonomy, and the demo data when configured.</summary>
    public static async Task InitializeAsync(WebApplication app)
    {
        var options = app.Configuration.GetSection(ReperesOptions.Section).Get<ReperesOptions>() ?? new ReperesOptions();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var reference = scope.ServiceProvider.GetRequiredService<ReferenceData>();
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(db, async cancellationToken =>
        {
            await KeyRing.ImportKeyFilesAsync(db, Path.Combine(options.FullDataDirectory, "keys"), cancellationToken);
            await reference.EnsureTaxonomyAsync(cancellationToken);
            await reference.EnsureRolesAsync();
            if (options.DemoData)
            {
                await scope.ServiceProvider.GetRequiredService<Admin.Demo.DemoData>().LoadDemoAsync(cancellationToken);
            }

            await app.Services.GetRequiredService<SearchIndex>().EnsureBuiltAsync(db, app.Logger, cancellationToken);
        });
        if (!db.Database.IsNpgsql())
        {
            await DatabaseMigrator.OptimizeAsync(db, full: false);
        }

        Configure(app);
    }

    private static void Configure(WebApplication app)
    {
        // First: the client's address and scheme as the trusted proxy saw them (rate limits, Secure cookies, HSTS).
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReperesOptions>>().Value.Proxy.IsConfigured)
        {
            app.UseForwardedHeaders();
        }

        app.UseReperesMetrics(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReperesOptions>>().Value.Metrics);

        // The JSON API answers its failures as problem details in every environment; the site with its error page.
        static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api");
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        }));
        if (!app.Environment.IsDevelopment())
        {
            app.UseWhen(context => !IsApi(context), site => site.UseExceptionHandler("/erreur"));
            app.UseHsts();
        }

        if (app.Environment.IsProduction() && app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReperesOptions>>().Value.PublicBaseUrl is { } publicUrl
            && publicUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            // A site served over TLS: no cookie (session, antiforgery, slip, language) ever travels in clear, even when
            // a proxy in front forgets to say the request came in https.
            app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always });
        }

        app.UseStatusCodePagesWithReExecute("/erreur", "?code={0}");
        app.UseResponseCompression();
        var reperesOptions = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReperesOptions>>().Value;
        var sitePolicy = ContentSecurity.Policy(reperesOptions, embeddable: false);
        var widgetPolicy = ContentSecurity.Policy(reperesOptions, embeddable: true);
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            var widget = context.Request.Path.StartsWithSegments("/widget");
            // The reference a person can quote when reporting a problem; every log line of the request carries it.
            headers["X-Request-Id"] = context.TraceIdentifier;
            headers.ContentSecurityPolicy = widget ? widgetPolicy : sitePolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = widget ? null : "SAMEORIGIN";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(), microphone=(self)";
            await next();
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = ctx.Context.Request.Query.ContainsKey("v")
                ? "public, max-age=31536000, immutable"
                : "public, max-age=3600",
        });
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiterDisposedOnStop();
        app.UseCountedUses();
        app.UseAntiforgery();

        HealthChecks.Map(app);
        app.MapRazorPages();
        app.MapGuide();
        app.MapOrientation();
        app.MapPublishing();
        app.MapApi();
        app.MapOpenData();
    }
}

/// <summary>Marker type of the shared interface strings (Resources/SharedResource.en.resx; French is the key).</summary>
public sealed class SharedResource;
