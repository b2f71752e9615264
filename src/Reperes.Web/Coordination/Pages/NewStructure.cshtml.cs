using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Accounts;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Coordination.Pages;

/// <summary>The least the coordination knows of a new structure; its staff complete the sheet.</summary>
public sealed class NewStructureInput : Publishing.Addresses.IAddressInput
{
    [Required(ErrorMessage = "Indiquez le nom de la structure.")]
    [StringLength(200, ErrorMessage = "Le nom est trop long : 200 caractères au plus.")]
    public string Name { get; set; } = "";

    public StructureKind Kind { get; set; } = StructureKind.Association;

    [Required(ErrorMessage = "Indiquez la commune.")]
    [StringLength(100, ErrorMessage = "Le nom de la commune est trop long.")]
    public string? Commune { get; set; }

    [StringLength(5)]
    public string? CommuneCode { get; set; }

    [StringLength(5)]
    public string? PostalCode { get; set; }

    [StringLength(300, ErrorMessage = "La rue est trop longue : 300 caractères au plus.")]
    public string? Street { get; set; }

    [StringLength(30)]
    public string? Latitude { get; set; }

    [StringLength(30)]
    public string? Longitude { get; set; }

    [StringLength(1)]
    public string? PinMoved { get; set; }

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
    StructureWriter writer,
    Publishing.Addresses.AddressPicker addresses,
    IMailer mailer,
    IOptions<ReperesOptions> options,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public NewStructureInput Input { get; set; } = new();

    /// <summary>The address fields: the commune (required), the street and the map's pin if known.</summary>
    public Publishing.Addresses.AddressFieldsView AddressFields { get; private set; } = null!;

    private Publishing.Addresses.AddressChoice? addressChoice;

    public void OnGet()
    {
    }

    public override void OnPageHandlerExecuted(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutedContext context)
    {
        AddressFields = Publishing.Addresses.AddressFieldsView.For(Input, addressChoice, null, null, localizer["Adresse"], streetRequired: false, addresses.GeocoderEnabled, options.Value.Map);
        base.OnPageHandlerExecuted(context);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        addressChoice = await addresses.ResolveAsync(Input, null, streetRequired: false, HttpContext.RequestAborted);
        if (!string.IsNullOrWhiteSpace(Input.Commune))
        {
            foreach (var error in addressChoice.Errors)
            {
                ModelState.AddModelError("", error);
            }
        }

        var commune = addressChoice.Commune;
        var postalCode = addressChoice.PostalCode ?? "";
        var city = commune?.Name ?? "";
        var kindKey = $"{nameof(Input)}.{nameof(Input.Kind)}";
        if (ModelState.GetFieldValidationState(kindKey) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid || !Enum.IsDefined(Input.Kind))
        {
            // The binder's own message is in English: say it in the interface's words.
            ModelState.Remove(kindKey);
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
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

        var now = clock.GetUtcNow();
        var me = (await users.GetUserAsync(User))!;
        var structure = new Structure(await Slugs.FreeAsync(db, name, city, HttpContext.RequestAborted), name, Input.Kind, now);
        structure.Describe(name, Input.Kind, Input.Summary.Trim(), "", []);
        if (addressChoice.Address is { } address)
        {
            structure.LocateAt(address);
        }
        else
        {
            // The commune alone: its staff will give the street and place the pin.
            structure.PlaceInCommune(postalCode, city, commune!.AddressCode);
        }

        Invitation invitation = null!;
        string code = "";
        await writer.CreateAsync(StructureAuthor.Of(me), structure, online: false, async created =>
        {
            (invitation, code) = Invitation.Create(Input.ManagerEmail, created.Id, MembershipRole.Manager, me.Id, now);
            db.Invitations.Add(invitation);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            return [];
        }, HttpContext.RequestAborted);

        var sent = await InvitationMail.SendAsync(mailer, localizer, invitation, code, structure.Name, me.DisplayName, options.Value.LinkBaseUrl, HttpContext.RequestAborted);
        return Redirect(InvitationMail.TeamPageAfter(structure.Slug, invitation.Email, sent));
    }
}
