using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Accounts.Pages;

/// <summary>
/// Recovery codes: shown once, right after they are made (carried across the redirection by TempData, an
/// encrypted cookie read once); new ones replace all the old ones.
/// </summary>
[Authorize]
public sealed class RecoveryCodesModel(UserManager<ReperesUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string Path = "/mon-espace/securite/codes-de-secours";

    private const string CodesKey = "RecoveryCodes";
    private const string JustEnabledKey = "TwoFactorJustEnabled";

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le code à 6 chiffres affiché par votre application.")]
    [StringLength(20, ErrorMessage = "Le code compte 6 chiffres.")]
    public string Code { get; set; } = "";

    /// <summary>The codes just made, to show this once; empty otherwise.</summary>
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public bool JustEnabled { get; private set; }

    public int CodesLeft { get; private set; }

    public static void Show(ITempDataDictionary tempData, IEnumerable<string> codes, bool justEnabled)
    {
        tempData[CodesKey] = string.Join(' ', codes);
        tempData[JustEnabledKey] = justEnabled;
    }

    public async Task<IActionResult> OnGetAsync()
    {
        // Secrets on this page: never kept by a cache or the browser's history.
        Response.Headers.CacheControl = "no-store";
        var me = (await users.GetUserAsync(User))!;
        if (!await users.GetTwoFactorEnabledAsync(me))
        {
            return Redirect(AccountSecurityModel.Path);
        }

        Codes = (TempData[CodesKey] as string)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
        JustEnabled = TempData[JustEnabledKey] is true;
        CodesLeft = await users.CountRecoveryCodesAsync(me);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var me = (await users.GetUserAsync(User))!;
        if (!await users.GetTwoFactorEnabledAsync(me))
        {
            return Redirect(AccountSecurityModel.Path);
        }

        CodesLeft = await users.CountRecoveryCodesAsync(me);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        switch (await SecretChecks.CheckAuthenticatorCodeAsync(users, me, Code))
        {
            case SecretCheck.Right:
                var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(me, TwoFactor.RecoveryCodeCount);
                Show(TempData, codes!, justEnabled: false);
                return Redirect(Path);
            case SecretCheck.Wrong:
                ModelState.AddModelError("", localizer["Ce code n’est pas le bon. Saisissez le code affiché maintenant par votre application : il change toutes les 30 secondes. Vérifiez aussi que votre téléphone est à l’heure."]);
                break;
            case SecretCheck.LockedOut:
                ModelState.AddModelError("", localizer["Trop d’essais : les changements sont bloqués pendant 15 minutes."]);
                break;
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
