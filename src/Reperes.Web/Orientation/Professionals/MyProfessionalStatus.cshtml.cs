using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Professionals;

/// <summary>
/// Mon espace › professionnel: where the signed-in person sees their professional status (pending, validated with
/// the body, refused with the reason) and asks for it (again), without a second account.
/// </summary>
[Authorize]
public sealed class MyProfessionalStatusModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    ProfessionalRegistration registration,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public WorkInput Input { get; set; } = new();

    public ProfessionalProfile? Profile { get; private set; }

    /// <summary>Member of a structure's team: a professional without asking.</summary>
    public IReadOnlyList<string> Structures { get; private set; } = [];

    public IReadOnlyList<string> KnownBodies { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Profile is { Status: ProfessionalStatus.Pending or ProfessionalStatus.Validated })
        {
            ModelState.AddModelError("", localizer["Votre demande est déjà enregistrée."]);
        }

        if (Input.ParsedKind is null && !string.IsNullOrEmpty(Input.Kind))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("A signed-in person has an account.");
        var outcome = await registration.RequestAsync(user, Input.Workplace, Input.ParsedKind!.Value, Input.JobTitle, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return RedirectToPage(new { fait = outcome == RegistrationOutcome.Validated ? "valide" : "demande" });
    }

    private async Task LoadAsync()
    {
        var userId = users.GetUserId(User)!;
        Profile = await db.ProfessionalProfiles.AsNoTracking().Include(p => p.Body).FirstOrDefaultAsync(p => p.UserId == userId, HttpContext.RequestAborted);
        Structures = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).OrderBy(m => m.Structure.SortName).Select(m => m.Structure.Name).ToListAsync(HttpContext.RequestAborted);
        KnownBodies = await db.PartnerBodies.AsNoTracking().OrderBy(b => b.Name).Select(b => b.Name).Take(500).ToListAsync(HttpContext.RequestAborted);
    }
}
