using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Statistics.Pages;

/// <summary>
/// What people look for and do not find: the words of the searches that found nothing or next to nothing, one line
/// per meaning, and for the words the search does not understand a form that adds them as a synonym of a category
/// (understood by the search at the next request).
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class UnmetNeedsModel(UnmetNeeds unmetNeeds, TaxonomyWriter taxonomy, GuideCatalog catalog, TimeProvider clock) : PageModel
{
    public StatisticsPeriod Period { get; private set; } = null!;

    public IReadOnlyList<UnmetLine> Lines { get; private set; } = [];

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    /// <summary>The words just added as a synonym, and the category's code (after the redirect).</summary>
    [FromQuery(Name = "appris")]
    public string? Learnt { get; set; }

    [FromQuery(Name = "categorie")]
    public string? LearntCategory { get; set; }

    /// <summary>Why the synonym was not added (the form's words kept).</summary>
    public string? Error { get; private set; }

    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "annee")] string? year)
    {
        await LoadAsync(year);
        return Page();
    }

    /// <summary>Adds the words of a line to the synonyms of the chosen category, then shows the page again (Post/Redirect/Get).</summary>
    public async Task<IActionResult> OnPostLearnAsync([FromForm(Name = "mots")] string? words, [FromForm(Name = "categorie")] string? category, [FromQuery(Name = "annee")] string? year)
    {
        var outcome = string.IsNullOrEmpty(category)
            ? SynonymOutcome.UnknownCategory
            : await taxonomy.AddSynonymAsync(category, words, HttpContext.RequestAborted);
        switch (outcome)
        {
            case SynonymOutcome.Added:
            case SynonymOutcome.AlreadyThere:
                return RedirectToPage("/Statistics/Pages/UnmetNeeds", new { annee = string.IsNullOrEmpty(year) ? null : year, appris = TaxonomyWriter.SynonymOf(words), categorie = category });
            case SynonymOutcome.UnknownCategory:
                Error = "Choisissez la catégorie que ces mots doivent trouver.";
                break;
            case SynonymOutcome.Invalid:
                Error = "Ces mots ne peuvent pas devenir un synonyme : de 1 à 5 mots, 60 caractères au plus, sans chiffre ni @.";
                break;
            default:
                throw new InvalidOperationException(outcome.ToString());
        }

        await LoadAsync(year);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(string? year)
    {
        var now = clock.GetUtcNow();
        var period = StatisticsPeriod.Parse(year, now);
        if (period is null)
        {
            PeriodError = "Cette année n’est pas une période possible : voici les 12 derniers mois.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            period = StatisticsPeriod.LastTwelveMonths(now);
        }

        Period = period;
        Lines = await unmetNeeds.LinesAsync(period, HttpContext.RequestAborted);
    }
}
