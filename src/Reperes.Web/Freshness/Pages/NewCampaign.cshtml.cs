using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Freshness.Pages;

public sealed class CampaignInput
{
    [Required(ErrorMessage = "Donnez un nom à la campagne.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string? Name { get; set; }

    [StringLength(2000, ErrorMessage = "Le message est trop long : 2 000 caractères au plus.")]
    public string? Message { get; set; }

    /// <summary>Section codes (see <see cref="UpdateLinkModel.SectionCodes"/>).</summary>
    public List<string> Sections { get; set; } = [];

    /// <summary>toutes, besoin or commune.</summary>
    public string Scope { get; set; } = "toutes";

    public string? Need { get; set; }

    public string? Commune { get; set; }

    public string? StartsOn { get; set; }

    public string? EndsOn { get; set; }
}

/// <summary>A new verification campaign: which structures, which sections, which dates.</summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed class NewCampaignModel(ReperesDbContext db, GuideCatalog catalog, CommuneDirectory communes, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public static readonly IReadOnlyDictionary<string, CampaignScope> Scopes = new Dictionary<string, CampaignScope>
    {
        ["toutes"] = CampaignScope.All,
        ["besoin"] = CampaignScope.Need,
        ["commune"] = CampaignScope.Commune,
    };

    [BindProperty]
    public CampaignInput Input { get; set; } = new();

    public IReadOnlyList<NeedInfo> Needs => catalog.Needs;

    public IReadOnlyList<Commune> Communes { get; private set; } = [];

    public void OnGet()
    {
        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        Input = new CampaignInput
        {
            Sections = ["fermetures", "horaires"],
            StartsOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EndsOn = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        Communes = communes.All();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Communes = communes.All();
        var sections = SheetSections.None;
        foreach (var code in Input.Sections)
        {
            if (UpdateLinkModel.SectionCodes.TryGetValue(code, out var section))
            {
                sections |= section;
            }
            else
            {
                ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
            }
        }

        if (sections == SheetSections.None)
        {
            ModelState.AddModelError("", localizer["Choisissez au moins une partie de la fiche à confirmer."]);
        }

        int? needId = null;
        string? communeCode = null;
        if (!Scopes.TryGetValue(Input.Scope, out var scope))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }
        else if (scope == CampaignScope.Need)
        {
            needId = catalog.Need(Input.Need)?.Id;
            if (needId is null)
            {
                ModelState.AddModelError("", localizer["Choisissez le besoin dans la liste."]);
            }
        }
        else if (scope == CampaignScope.Commune)
        {
            communeCode = Communes.FirstOrDefault(c => c.Code == Input.Commune)?.Code;
            if (communeCode is null)
            {
                ModelState.AddModelError("", localizer["Choisissez la commune dans la liste."]);
            }
        }

        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        var starts = Date(Input.StartsOn);
        var ends = Date(Input.EndsOn);
        if (starts is null || ends is null)
        {
            ModelState.AddModelError("", localizer["Indiquez les dates de début et de fin (jj/mm/aaaa)."]);
        }
        else if (ends < starts)
        {
            ModelState.AddModelError("", localizer["La campagne ne peut pas finir avant de commencer."]);
        }
        else if (ends < today)
        {
            ModelState.AddModelError("", localizer["La date de fin est passée : les liens ne serviraient plus."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var campaign = new Campaign(Input.Name!, Input.Message ?? "", sections, scope, needId, communeCode, starts!.Value, ends!.Value, User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow());
        await CampaignTargets.CreateAsync(db, campaign, HttpContext.RequestAborted);
        return RedirectToPage("/Freshness/Pages/Campaign", new { id = campaign.Id, fait = "creee" });
    }

    private DateOnly? Date(string? text) => TypedDates.Read(text, HoursEvaluator.LocalDate(clock.GetUtcNow()));
}
