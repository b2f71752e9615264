using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Reperes.Web.Shared.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    public string Title { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>A refused form is answered with this page too (status pages re-execute the request as it came).</summary>
    public void OnPost(int? code) => OnGet(code);

    public void OnGet(int? code)
    {
        var status = code ?? (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null ? 404 : 500);
        (Title, Message) = status switch
        {
            404 => (localizer["Page introuvable"].Value, localizer["Cette page n’existe pas ou plus. La structure a peut-être changé d’adresse sur le site."].Value),
            410 => (localizer["Page supprimée"].Value, localizer["Cette page a été retirée."].Value),
            403 => (localizer["Accès refusé"].Value, localizer["Votre compte ne permet pas d’ouvrir cette page."].Value),
            400 => (localizer["Demande incorrecte"].Value, localizer["La demande n’a pas pu être comprise. Vérifiez l’adresse de la page."].Value),
            429 => (localizer["Trop de demandes"].Value, localizer["Merci de patienter une minute avant de réessayer."].Value),
            _ => (localizer["Un problème est survenu"].Value, localizer["Le service rencontre une difficulté. Réessayez dans un instant."].Value),
        };
        if (code is >= 400 and < 600)
        {
            Response.StatusCode = code.Value;
        }
    }
}
