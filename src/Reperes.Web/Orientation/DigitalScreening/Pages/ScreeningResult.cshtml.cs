using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Primitives;
using Reperes.Web.Core.Orientation;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Orientation.DigitalScreening.Pages;

/// <summary>
/// The result of "Le numérique et moi": the helps that fit the answers (the rules file), for each the places offering
/// it that open in the coming days (nearest first from a commune or the browser's position), the helps at a distance,
/// and a button that puts the places listed on the orientation slip to print or send.
/// </summary>
public sealed class ScreeningResultModel(
    ScreeningRules rules,
    ScreeningPlaces finder,
    CommuneDirectory communes,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/numerique-et-moi/resultat";

    public ScreeningAnswers Answers { get; private set; } = ScreeningAnswers.Empty;

    public IReadOnlyList<ScreeningHelp> Helps { get; private set; } = [];

    public IReadOnlyList<RemoteHelp> RemoteLines { get; private set; } = [];

    public IReadOnlyList<RemoteService> RemoteServices { get; private set; } = [];

    /// <summary>Where distances are measured from (null: none given, places by their next opening).</summary>
    public SearchOrigin? Origin { get; private set; }

    public string? Commune { get; private set; }

    public string? Latitude { get; private set; }

    public string? Longitude { get; private set; }

    public List<string> Errors { get; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The places listed, each once, in the order shown.</summary>
    public IReadOnlyList<ScreeningPlace> AllPlaces => Helps.SelectMany(h => h.Places).DistinctBy(p => p.Id).ToList();

    public static string ResultUrl(ScreeningAnswers answers, IEnumerable<KeyValuePair<string, string>>? extra = null) =>
        answers.IsEmpty && extra is null ? Path : Path + "?" + answers.QueryString(extra);

    /// <summary>The hidden fields that carry the answers and the position to the forms of this page.</summary>
    public IEnumerable<KeyValuePair<string, string>> Carried(bool withPosition) =>
        Answers.Pairs().Concat(withPosition ? Position() : []);

    public async Task OnGetAsync() => await LoadAsync(key => Request.Query[key]);

    /// <summary>
    /// "Imprimer ces lieux" / "Ajouter à ma fiche": the places this result lists (found again from the answers, never
    /// from ids posted) go on the slip with the services that fit, then the print view or the slip.
    /// </summary>
    public async Task<IActionResult> OnPostSlipAsync()
    {
        await LoadAsync(key => Request.Form[key]);
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var places = AllPlaces;
        if (places.Count == 0)
        {
            Errors.Add(localizer["Aucun lieu à mettre sur la fiche."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var slip = SlipCookie.Read(HttpContext);
        var full = false;
        foreach (var place in places)
        {
            if (!slip.Contains(place.Id) && slip.Places.Count >= SlipSelection.MaxPlaces)
            {
                full = true;
                break;
            }

            // The services that fit any of the helps listed, for this place.
            var services = Helps.SelectMany(h => h.Places.Where(p => p.Id == place.Id)).SelectMany(p => p.Services).Select(s => s.Id).Distinct().ToList();
            slip = slip.With(new SlipPlace(place.Id, services));
        }

        SlipCookie.Write(HttpContext, slip);
        if (full)
        {
            return Redirect(OrientationModule.SlipPath + "?erreur=pleine");
        }

        return Redirect(Request.Form["suite"] == "imprimer" ? OrientationModule.SlipPath + "/imprimer" : OrientationModule.SlipPath);
    }

    private async Task LoadAsync(Func<string, StringValues> values)
    {
        Now = clock.GetUtcNow();
        Answers = ScreeningAnswers.Read(values);
        Commune = values("commune").ToString() is { Length: > 0 } commune ? commune.Trim() : null;
        Latitude = values("lat").ToString() is { Length: > 0 } lat ? lat : null;
        Longitude = values("lon").ToString() is { Length: > 0 } lon ? lon : null;
        if (Latitude is not null || Longitude is not null)
        {
            if (Parse(Latitude) is { } la && Parse(Longitude) is { } lo && la is >= -90 and <= 90 && lo is >= -180 and <= 180)
            {
                Origin = new SearchOrigin(la, lo, localizer["votre position"]);
            }
            else
            {
                Errors.Add(localizer["Votre position n’a pas pu être lue : tapez plutôt votre commune."]);
                Latitude = Longitude = null;
            }
        }
        else if (Commune is { Length: > 100 })
        {
            Errors.Add(localizer["Le nom de la commune est trop long."]);
            Commune = null;
        }
        else if (Commune is not null)
        {
            var match = communes.Resolve(Commune);
            Origin = match.Origin;
            if (match.Origin is null)
            {
                Errors.Add(localizer["Commune inconnue : « {0} ». Vérifiez son nom ou tapez son code postal.", Commune]);
            }
        }

        var applied = rules.For(Answers);
        Helps = await finder.FindAsync(applied, Origin, Now, CultureInfo.CurrentUICulture, HttpContext.RequestAborted);
        RemoteLines = rules.RemoteFor(Answers);
        RemoteServices = await finder.RemoteAsync(applied, HttpContext.RequestAborted);
    }

    private IEnumerable<KeyValuePair<string, string>> Position()
    {
        if (Latitude is not null && Longitude is not null && Origin is not null)
        {
            yield return new("lat", Latitude);
            yield return new("lon", Longitude);
        }
        else if (Commune is not null && Origin is not null)
        {
            yield return new("commune", Commune);
        }
    }

    private static double? Parse(string? value) =>
        double.TryParse(value?.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
