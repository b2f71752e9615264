using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace Reperes.Web.Core.Translations;

/// <summary>
/// Machine translation through a LibreTranslate-compatible endpoint (Reperes__MachineTranslation__Endpoint, and
/// ApiKey when it asks one). Off unless the endpoint is set: then no machine draft is offered.
/// </summary>
public sealed class MachineTranslationOptions
{
    /// <summary>The service's base address, e.g. https://libretranslate.example.org (its <c>/translate</c> is called).</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>The name machine drafts are signed with.</summary>
    public string Name { get; set; } = "LibreTranslate";

    public bool Enabled => !string.IsNullOrWhiteSpace(Endpoint);
}

/// <summary>Asks the configured endpoint for a French text in another language; any failure gives nothing (the page says so).</summary>
public sealed class MachineTranslator(HttpClient http, IOptions<ReperesOptions> options, ILogger<MachineTranslator> logger)
{
    public bool Enabled => options.Value.MachineTranslation.Enabled;

    public string Name => options.Value.MachineTranslation.Name;

    public async Task<string?> TranslateAsync(string french, string language, CancellationToken cancellationToken)
    {
        var settings = options.Value.MachineTranslation;
        if (!settings.Enabled || string.IsNullOrWhiteSpace(french))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(settings.TimeoutSeconds, 1, 120)));
            var request = new TranslateRequest(french, "fr", language, "text", string.IsNullOrWhiteSpace(settings.ApiKey) ? null : settings.ApiKey);
            using var response = await http.PostAsJsonAsync(settings.Endpoint!.TrimEnd('/') + "/translate", request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Machine translation into {Language} answered {Status}", language, (int)response.StatusCode);
                return null;
            }

            var answer = await response.Content.ReadFromJsonAsync<TranslateAnswer>(timeout.Token);
            var text = answer?.TranslatedText?.Trim();
            return string.IsNullOrEmpty(text) || text.Length > ContentTranslation.MaxTextLength ? null : text;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException or NotSupportedException)
        {
            logger.LogWarning(e, "Machine translation into {Language} failed", language);
            return null;
        }
    }

    private sealed record TranslateRequest(
        [property: JsonPropertyName("q")] string Q,
        [property: JsonPropertyName("source")] string Source,
        [property: JsonPropertyName("target")] string Target,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("api_key"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ApiKey);

    private sealed record TranslateAnswer([property: JsonPropertyName("translatedText")] string? TranslatedText);
}
