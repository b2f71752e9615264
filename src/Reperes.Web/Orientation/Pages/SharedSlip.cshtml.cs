using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Reading;
using Reperes.Web.Data;
using Reperes.Web.Guide.Print;
using Reperes.Web.Shared.Reading;

namespace Reperes.Web.Orientation.Pages;

/// <summary>
/// A shared slip's public page (<c>/f/{token}</c>): the places as they are now, and how to pass it on (the link, its QR
/// code, SMS lines, an e-mail). An expired link says so, with a 404.
/// </summary>
public sealed class SharedSlipModel(
    ReperesDbContext db,
    SlipBuilder builder,
    IMailer mailer,
    SlipMailLimiter limiter,
    TimeProvider clock,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static string PathOf(string token) => "/f/" + token;

    public SlipView? Slip { get; private set; }

    /// <summary>When the link expired (the page then says so and nothing else).</summary>
    public DateTimeOffset? ExpiredAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public string Link { get; private set; } = "";

    public string LinkQrCode { get; private set; } = "";

    public IReadOnlyList<string> SmsLines { get; private set; } = [];

    public List<string> Errors { get; } = [];

    /// <summary>The mail server did not take the message.</summary>
    public bool MailFailed { get; private set; }

    [BindProperty(SupportsGet = true, Name = "partage")]
    public bool JustShared { get; set; }

    [BindProperty(SupportsGet = true, Name = "envoye")]
    public bool Sent { get; set; }

    /// <summary>The address typed to send the slip: used for this message only, never stored.</summary>
    [BindProperty]
    public string? Email { get; set; }

    public async Task<IActionResult> OnGetAsync(string token) => await LoadAsync(token) ? Page() : Gone();

    /// <summary>"Écouter": the shared slip read aloud, as text for the browser's voice or as audio.</summary>
    public async Task<IActionResult> OnGetListenAsync(string token, string? format, [FromServices] SpeechAudio speech) =>
        await LoadAsync(token) && Slip!.Places.Count > 0
            ? await ListenAnswer.ForAsync(SlipReading.Script(Slip, localizer, CultureInfo.CurrentUICulture), format, speech, HttpContext)
            : NotFound();

    public async Task<IActionResult> OnPostSendAsync(string token)
    {
        if (!await LoadAsync(token))
        {
            return Gone();
        }

        var address = Email?.Trim() ?? "";
        if (address.Length == 0)
        {
            Errors.Add(localizer["Indiquez l’adresse électronique à laquelle envoyer la fiche."]);
        }
        else if (address.Length > 254 || !new EmailAddressAttribute().IsValid(address) || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || !address.Contains('.', StringComparison.Ordinal))
        {
            Errors.Add(localizer["Cette adresse électronique n’est pas valide."]);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (!limiter.TryAcquire(HttpContext))
        {
            Errors.Add(localizer["Beaucoup de fiches ont été envoyées d’ici en peu de temps. Réessayez dans une heure, ou copiez le lien."]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = "3600";
            return Page();
        }

        var body = SlipText.MailBody(Slip!, Link, localizer, CultureInfo.CurrentUICulture);
        if (!await mailer.TrySendAsync(address, localizer["Vos adresses utiles — Repères"], body, HttpContext.RequestAborted))
        {
            MailFailed = true;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }

        // The address is neither kept nor put in the address bar: the page just says it left.
        return Redirect(PathOf(token) + "?envoye=true");
    }

    private async Task<bool> LoadAsync(string token)
    {
        if (!SharedSlip.LooksLikeToken(token))
        {
            return false;
        }

        var hash = SecretCode.Hash(token);
        var shared = await db.SharedSlips.AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, HttpContext.RequestAborted);
        if (shared is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (shared.IsExpiredAt(now))
        {
            ExpiredAt = shared.ExpiresAt;
            return false;
        }

        var baseUrl = options.Value.BaseUrl(Request);
        ExpiresAt = shared.ExpiresAt;
        Link = baseUrl + PathOf(token);
        LinkQrCode = QrCodes.Svg(Link, localizer["Code QR de cette fiche : {0}", Link]);
        Slip = await builder.BuildAsync(shared.Selection, now, baseUrl, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        SmsLines = SlipText.SmsLines(Slip, Link);
        return true;
    }

    /// <summary>Unknown or expired: a 404 page that says which.</summary>
    private PageResult Gone()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        Slip = null;
        return Page();
    }
}
