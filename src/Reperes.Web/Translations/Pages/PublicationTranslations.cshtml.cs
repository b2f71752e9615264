using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Translations;
using Reperes.Web.Data;

namespace Reperes.Web.Translations.Pages;

/// <summary>
/// The translations of a publication's title, summary and text in one language: for the network's translators, the
/// coordinator, and the managers of the structure it belongs to.
/// </summary>
[Authorize]
public sealed class PublicationTranslationsModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    TranslationDesk desk,
    IStringLocalizer<SharedResource> localizer) : TranslationPage(desk, localizer)
{
    public Publication Publication { get; private set; } = null!;

    public override string UrlFor(string language) => $"/mon-espace/publications/{Publication.Id}/traductions?langue={language}";

    public async Task<IActionResult> OnGetAsync(int id) =>
        await LoadAsync(id) is { } refusal ? refusal : await ShowAsync(Texts());

    public async Task<IActionResult> OnPostAsync(int id) =>
        await LoadAsync(id) is { } refusal ? refusal : await WriteAsync(Texts(), machine: false);

    public async Task<IActionResult> OnPostMachineAsync(int id) =>
        await LoadAsync(id) is { } refusal ? refusal : await WriteAsync(Texts(), machine: true);

    private async Task<IActionResult?> LoadAsync(int id)
    {
        var publication = await db.Publications.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (publication is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, publication, TranslationOperations.Translate)).Succeeded)
        {
            return Forbid();
        }

        Publication = publication;
        return ChooseLanguage() ? null : NotFound();
    }

    private List<(TranslatableText, string)> Texts() =>
        TranslatableText.Of(Publication).Select(t => (t, Publication.Title)).ToList();
}
