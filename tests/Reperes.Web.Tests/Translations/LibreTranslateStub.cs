using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Reperes.Web.Tests.Translations;

/// <summary>
/// A LibreTranslate-compatible server on a free local port, started inside the test: <c>POST /translate</c> with
/// <c>{q, source, target, format, api_key}</c> answers <c>{translatedText}</c> ("[target] q"); a wrong key is a 403, as
/// LibreTranslate answers; <see cref="Failing"/> makes it answer 500. Every request is kept for the test to read.
/// </summary>
public sealed class LibreTranslateStub : IAsyncDisposable
{
    private readonly WebApplication app;

    private LibreTranslateStub(WebApplication app) => this.app = app;

    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public bool Failing { get; set; }

    public string Url { get; private set; } = "";

    public static async Task<LibreTranslateStub> StartAsync(string apiKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new LibreTranslateStub(app);
        app.MapPost("/translate", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body);
            stub.Requests.Enqueue(body);
            if (stub.Failing)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            if (!body.TryGetProperty("api_key", out var key) || key.GetString() != apiKey)
            {
                return Results.Json(new { error = "Invalid API key" }, statusCode: StatusCodes.Status403Forbidden);
            }

            return Results.Json(new { translatedText = $"[{body.GetProperty("target").GetString()}] {body.GetProperty("q").GetString()}" });
        });
        await app.StartAsync();
        stub.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return stub;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
