using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Mail;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation.Professionals;

/// <summary>
/// A professional (social worker, volunteer at a reception desk, nurse of a mobile team…) creates an account and says
/// where they work; the address is confirmed by a link, then the account is validated by the coordinator, or at once
/// when the address's domain is listed for a body. The page says the same whether the address has an account or not.
/// </summary>
public sealed class RegisterModel(
    ReperesDbContext db,
    UserManager<ReperesUser> users,
    ProfessionalRegistration registration,
    MailQueue mails,
    IOptions<ReperesOptions> options,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider clock) : PageModel
{
    [BindProperty]
    public RegistrationInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "envoye")]
    public bool Sent { get; set; }

    /// <summary>The bodies already known, proposed as the person types.</summary>
    public IReadOnlyList<string> KnownBodies { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            // Already signed in: the request is made from Mon espace, without a second account.
            return RedirectToPage("/Orientation/Professionals/MyProfessionalStatus");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return RedirectToPage("/Orientation/Professionals/MyProfessionalStatus");
        }

        if (Input.ParsedKind is null && !string.IsNullOrEmpty(Input.Kind))
        {
            ModelState.AddModelError("", localizer["Une valeur proposée dans la liste est attendue."]);
        }

        if (Input.Declaration != "oui")
        {
            ModelState.AddModelError("", localizer["Cochez la case : vous travaillez ou êtes bénévole pour cet organisme."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var email = Input.Email.Trim();
        var baseUrl = options.Value.LinkBaseUrl;
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            // The page must not reveal who has an account, by its words or its time: the password is hashed as for a
            // new account, and the owner of the address is told instead, after the answer.
            users.PasswordHasher.HashPassword(existing, Input.Password);
            mails.Enqueue(new OutgoingMail(existing.Email!, localizer["Repères : vous avez déjà un compte"],
                localizer["Bonjour {0},\n\nQuelqu’un (vous, sans doute) a demandé un compte professionnel avec cette adresse, qui a déjà un compte Repères. Connectez-vous, puis faites la demande depuis votre espace :\n{1}/mon-espace/professionnel\n\nMot de passe oublié : {1}/mot-de-passe-oublie\n\nL’équipe Repères", existing.DisplayName, baseUrl]));
            return RedirectToPage(new { envoye = true });
        }

        var user = new ReperesUser { UserName = email, Email = email, DisplayName = Input.DisplayName.Trim(), CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors)
            {
                ModelState.AddModelError("", error.Code.StartsWith("Password", StringComparison.Ordinal)
                    ? localizer["Le mot de passe doit compter au moins 10 caractères."]
                    : localizer["Ce compte n’a pas pu être créé : vérifiez l’adresse électronique."]);
            }

            await LoadAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await registration.RequestAsync(user, Input.Workplace, Input.ParsedKind!.Value, Input.JobTitle, baseUrl, HttpContext.RequestAborted);
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(user)));
        var link = $"{baseUrl}/inscription-professionnelle/confirmer?compte={Uri.EscapeDataString(user.Id)}&code={token}";
        // Sent after the answer, as for an address that has an account, so that neither the words nor the time of the
        // answer tell them apart; a mail server down is logged, not shown (the coordination sees the unconfirmed request).
        mails.Enqueue(new OutgoingMail(email, localizer["Repères : confirmez votre adresse"],
            localizer["Bonjour {0},\n\nPour confirmer votre adresse et votre demande de compte professionnel, ouvrez ce lien (valable 24 heures) :\n{1}\n\nSi vous n’avez rien demandé, ignorez ce message.\n\nL’équipe Repères", user.DisplayName, link]));
        return RedirectToPage(new { envoye = true });
    }

    private async Task LoadAsync() =>
        KnownBodies = await db.PartnerBodies.AsNoTracking().OrderBy(b => b.Name).Select(b => b.Name).Take(500).ToListAsync(HttpContext.RequestAborted);
}
