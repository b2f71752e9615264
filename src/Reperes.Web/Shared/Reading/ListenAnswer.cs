using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Reperes.Web.Core.Reading;

namespace Reperes.Web.Shared.Reading;

/// <summary>
/// The answer of a page's "Écouter" handler: its script as JSON (format=texte, for the browser's own speech synthesis)
/// or as server-made audio (Ogg Opus, cached). Without a voice for the page's language, nothing (404): no button
/// is shown then either.
/// </summary>
public static class ListenAnswer
{
    public const string Handler = "Listen";
    public const string TextFormat = "texte";

    /// <summary>Letters of every script as they are (an Arabic text is not six times longer), HTML's characters escaped.</summary>
    private static readonly JsonSerializerOptions TextOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The handler's address on a page (its query kept: the same results are read).</summary>
    public static string Url(HttpRequest request) =>
        request.Path + QueryString.Create(request.Query.Where(q => q.Key is not ("handler" or "format")).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))))
            .Add("handler", Handler);

    public static async Task<IActionResult> ForAsync(ReadAloudScript script, string? format, SpeechAudio speech, HttpContext context)
    {
        if (!speech.Speaks(System.Globalization.CultureInfo.CurrentUICulture))
        {
            return new NotFoundResult();
        }

        context.Response.Headers["X-Robots-Tag"] = "noindex";
        if (format == TextFormat)
        {
            return new JsonResult(new { language = script.Language, parts = script.Parts.Select(p => new { lang = p.Language, text = p.Text }) }, TextOptions);
        }

        try
        {
            var file = await speech.FileAsync(script, context.RequestAborted);
            context.Response.Headers.CacheControl = "private, max-age=600";
            return new PhysicalFileResult(file, "audio/ogg")
            {
                EnableRangeProcessing = true,
                EntityTag = new EntityTagHeaderValue("\"" + script.Key + "\""),
            };
        }
        catch (InvalidOperationException)
        {
            // Logged by the synthesis; the person keeps the page, which says the same on screen.
            return new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
        }
    }
}
