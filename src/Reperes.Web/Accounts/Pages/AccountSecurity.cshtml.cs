using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

public sealed class DisplayNameInput
{
    [Required(ErrorMessage = "Indiquez votre nom.")]
    [StringLength(120, ErrorMessage = "Le nom compte 120 caractères au plus.")]
    public string DisplayName { get; set; } = "";
}

public sealed class PasswordChangeInput
{
    [Required(ErrorMessage = "Indiquez votre mot de passe actuel.")]
    [StringLength(200)]
    public string Current { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit compter au moins 10 caractères.")]
    public string New { get; set; } = "";

    [Compare(nameof(New), ErrorMessage = "Les deux mots de passe ne sont pas identiques.")]
    public string Confirmation { get; set; } = "";
}

/// <summary>"Sécurité du compte": name, password, two-step verification and this device.</summary>
[Authorize]
public sealed class AccountSecurityModel(
    UserManager<ReperesUser> users,
    SignInManager<ReperesUser> signIn,
    SecurityNotifier notifier,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/mon-espace/securite";

    /// <summary>What was just done, from the redirection after a change (Post/Redirect/Get).</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public DisplayNameInput Name { get; set; } = new();

    public PasswordChangeInput Password { get; set; } = new();

    /// <summary>Which form the errors shown belong to.</summary>
    public string? FailedForm { get; private set; }

    public ReperesUser Me { get; private set; } = null!;

    public bool TwoFactorEnabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public bool DeviceRemembered { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Name.DisplayName = Me.DisplayName;
    }

    public async Task<IActionResult> OnPostDisplayNameAsync([Bind(Prefix = nameof(Name))] DisplayNameInput name)
    {
        await LoadAsync();
        Name = name;
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(name.DisplayName))
        {
            if (ModelState.IsValid)
            {
                ModelState.AddModelError("", localizer["Indiquez votre nom."]);
            }

            return Failed(nameof(Name));
        }

        Me.DisplayName = name.DisplayName.Trim();
        await users.UpdateAsync(Me);
        return Redirect(Path + "?fait=nom");
    }

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = nameof(Password))] PasswordChangeInput password)
    {
        await LoadAsync();
        Name.DisplayName = Me.DisplayName;
        if (!ModelState.IsValid)
        {
            return Failed(nameof(Password));
        }

        switch (await SecretChecks.CheckPasswordAsync(users, Me, password.Current))
        {
            case SecretCheck.Right:
                break;
            case SecretCheck.Wrong:
                ModelState.AddModelError("", localizer["Le mot de passe actuel n’est pas le bon."]);
                return Failed(nameof(Password));
            case SecretCheck.LockedOut:
                ModelState.AddModelError("", localizer["Trop d’essais : les changements sont bloqués pendant 15 minutes."]);
                return Failed(nameof(Password));
        }

        if (password.New == password.Current)
        {
            ModelState.AddModelError("", localizer["Le nouveau mot de passe doit être différent de l’actuel."]);
            return Failed(nameof(Password));
        }

        var result = await users.ChangePasswordAsync(Me, password.Current, password.New);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("", error.Code == nameof(IdentityErrorDescriber.PasswordTooShort)
                    ? localizer["Le mot de passe doit compter au moins 10 caractères."]
                    : localizer["Ce mot de passe n’est pas accepté : choisissez-en un autre."]);
            }

            return Failed(nameof(Password));
        }

        // The security stamp changed: the other sessions end, this one is renewed.
        await signIn.RefreshSignInAsync(Me);
        await notifier.PasswordChangedAsync(Me);
        return Redirect(Path + "?fait=mot-de-passe");
    }

    public async Task<IActionResult> OnPostForgetDeviceAsync()
    {
        await signIn.ForgetTwoFactorClientAsync();
        return Redirect(Path + "?fait=appareil-oublie");
    }

    private async Task LoadAsync()
    {
        Me = (await users.GetUserAsync(User))!;
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(Me);
        RecoveryCodesLeft = TwoFactorEnabled ? await users.CountRecoveryCodesAsync(Me) : 0;
        DeviceRemembered = TwoFactorEnabled && await signIn.IsTwoFactorClientRememberedAsync(Me);
    }

    private PageResult Failed(string form)
    {
        FailedForm = form;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
