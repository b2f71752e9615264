using System.Reflection;

namespace Reperes.Web.Core;

/// <summary>
/// ASP.NET Core's rate-limiting middleware never disposes the partitioned limiter it creates (dotnet/aspnetcore#66434,
/// #69259): the limiter's timer keeps the middleware, the whole pipeline and the application's services reachable
/// after the application stopped. One application per process does not notice; the test suite, which starts and
/// stops hundreds, kept every one of them and grew to 15 GB. This builds the same middleware and disposes its limiter
/// when the application stops; should a later ASP.NET Core rename what this reaches, the plain middleware is used.
/// </summary>
public static class RateLimiterDisposal
{
    private static readonly Type? MiddlewareType = typeof(RateLimiterApplicationBuilderExtensions).Assembly.GetType("Microsoft.AspNetCore.RateLimiting.RateLimitingMiddleware");
    private static readonly FieldInfo? LimiterField = MiddlewareType?.GetField("_endpointLimiter", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly MethodInfo? InvokeMethod = MiddlewareType?.GetMethod("Invoke", [typeof(HttpContext)]);

    /// <summary>True when this ASP.NET Core has what the workaround reaches (else the plain middleware is used).</summary>
    public static bool Applies => MiddlewareType is not null && LimiterField is not null && InvokeMethod is not null && InvokeMethod.ReturnType == typeof(Task);

    public static IApplicationBuilder UseRateLimiterDisposedOnStop(this IApplicationBuilder app)
    {
        if (!Applies)
        {
            return app.UseRateLimiter();
        }

        var lifetime = app.ApplicationServices.GetRequiredService<IHostApplicationLifetime>();
        return app.Use(next =>
        {
            var middleware = ActivatorUtilities.CreateInstance(app.ApplicationServices, MiddlewareType!, next);
            if (LimiterField!.GetValue(middleware) is IDisposable limiter)
            {
                lifetime.ApplicationStopped.Register(limiter.Dispose);
            }

            return InvokeMethod!.CreateDelegate<RequestDelegate>(middleware);
        });
    }
}
