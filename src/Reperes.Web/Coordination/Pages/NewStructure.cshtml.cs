using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Text;

namespace Reperes.Web.Coordination.Pages;

/// <summary>The least the coordination knows of a new structure; its staff complete the sheet.</summary>
public sealed class NewStructureInput
{
    [Required(ErrorMessage = "Indiquez le nom de la structure.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string Name { get; set; } = "";

    public StructureKind Kind { get; set; } = StructureKind.Association;

    [Required(ErrorMessage = "Indiquez le code postal.")]
    [StringLength(10)]
    public string PostalCode { get; set; } = "";

    [Required(ErrorMessage = "Indiquez la commune.")]
    [StringLength(120, ErrorMessage = "Le nom de la commune est trop long.")]
    public string City { get; set; } = "";

    [StringLength(5)]
    public string? CommuneCode { get; set; }

    [Required(ErrorMessage = "Indiquez en une phrase ce que fait la structure.")]
    [StringLength(280, ErrorMessage = "Le résumé est trop long : 280 caractères au plus.")]
    public string Summary { get; set; } = "";

    [Required(ErrorMessage = "Indiquez l’adresse électronique de la personne qui gérera la structure.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254)]
    public string ManagerEmail { get; set; } = "";
}

/// <summary>
/// "Créer l'espace d'une structure": a draft sheet and, in the same step, the invitation of its first manager
/// (the mail of the team page). The coordinator then lands on the new team, where the invitation waits.
/// </summary>
[Authorize(Roles = NetworkRoles.Coordinator)]
public sealed partial class NewStructureModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    SearchIndex index,
    CommuneDirectory communes,
    IMailer mailer,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NewStructureInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var postalCode = Input.PostalCode?.Trim() ?? "";
        var city = Input.City?.Trim() ?? "";
        var communeCode = string.IsNullOrWhiteSpace(Input.CommuneCode) ? null : Input.CommuneCode.Trim().ToUpperInvariant();
        var kindKey = $"{nameof(Input)}.{nameof(Input.Kind)}";
        if (ModelState.GetFieldValidationState(kindKey) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid || !Enum.IsDefined(Input.Kind))
        {
            // The binder's own message is in English: say it in the interface's words.
            ModelState.Remove(kindKey);
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if ((postalCode.Length > 0 && !PostalCodePattern().IsMatch(postalCode)) || (communeCode is not null && !CommuneCodePattern().IsMatch(communeCode)))
        {
            ModelState.AddModelError("", localizer["Le code postal compte 5 chiffres et le code INSEE 5 caractères (ex. 29019)."]);
        }

        var name = Input.Name?.Trim() ?? "";
        var lowerName = name.ToLowerInvariant();
        if (name.Length > 0 && await db.Structures.AnyAsync(s => s.PostalCode == postalCode && s.Name.ToLower() == lowerName, HttpContext.RequestAborted))
        {
            ModelState.AddModelError("", localizer["Une structure porte déjà ce nom dans cette commune : cherchez-la dans la liste des espaces."]);
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // Known communes (those of the guide) give their INSEE code when it was left blank.
        communeCode ??= communes.All().FirstOrDefault(c => c.PostalCode == postalCode && TextFolding.Fold(c.Name).Trim() == TextFolding.Fold(city).Trim())?.Code;

        var now = clock.GetUtcNow();
        var me = (await users.GetUserAsync(User))!;
        var structure = new Structure(await Slugs.FreeAsync(db, name, city, HttpContext.RequestAborted), name, Input.Kind, now);
        structure.Describe(name, Input.Kind, Input.Summary.Trim(), "", []);
        structure.PlaceInCommune(postalCode, city, communeCode);

        await using var transaction = await db.Database.BeginTransactionAsync(HttpContext.RequestAborted);
        db.Structures.Add(structure);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        var (invitation, code) = Invitation.Create(Input.ManagerEmail, structure.Id, MembershipRole.Manager, me.Id, now);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(HttpContext.RequestAborted);

        // A draft is not in the index; indexing it keeps the index right whatever the status rules become.
        await index.IndexAsync(db, [structure.Id], HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);

        await InvitationMail.SendAsync(mailer, localizer, invitation, code, structure.Name, me.DisplayName, options.Value.BaseUrl(Request), HttpContext.RequestAborted);
        return Redirect($"/mon-espace/structure/{structure.Slug}/equipe?invite={Uri.EscapeDataString(invitation.Email)}");
    }

    [GeneratedRegex(@"^\d{5}$")]
    private static partial Regex PostalCodePattern();

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$", RegexOptions.IgnoreCase)]
    private static partial Regex CommuneCodePattern();
}
