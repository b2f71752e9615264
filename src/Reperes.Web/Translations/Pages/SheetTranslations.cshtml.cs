using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Translations;
using Reperes.Web.Data;

namespace Reperes.Web.Translations.Pages;

/// <summary>
/// The translations of a sheet's free texts, its services' and its current notices', in one language: for the network's
/// translators, the coordinator and the structure's managers (who write its French).
/// </summary>
[Authorize]
public sealed class SheetTranslationsModel(
    ReperesDbContext db,
    IAuthorizationService authorization,
    TranslationDesk desk,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer) : TranslationPage(desk, localizer)
{
    public Structure Structure { get; private set; } = null!;

    public override string UrlFor(string language) => $"/mon-espace/structure/{Structure.Slug}/traductions?langue={language}";

    public async Task<IActionResult> OnGetAsync(string slug) =>
        await LoadAsync(slug) is { } refusal ? refusal : await ShowAsync(Texts());

    public async Task<IActionResult> OnPostAsync(string slug) =>
        await LoadAsync(slug) is { } refusal ? refusal : await WriteAsync(Texts(), machine: false);

    public async Task<IActionResult> OnPostMachineAsync(string slug) =>
        await LoadAsync(slug) is { } refusal ? refusal : await WriteAsync(Texts(), machine: true);

    private async Task<IActionResult?> LoadAsync(string slug)
    {
        if (slug.Length > 200)
        {
            return NotFound();
        }

        var structure = await db.Structures.AsNoTracking()
            .Include(s => s.Services)
            .Include(s => s.Notices)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Slug == slug, HttpContext.RequestAborted);
        if (structure is null)
        {
            return NotFound();
        }

        if (!(await authorization.AuthorizeAsync(User, structure, TranslationOperations.Translate)).Succeeded)
        {
            return Forbid();
        }

        Structure = structure;
        if (!ChooseLanguage())
        {
            return NotFound();
        }

        return null;
    }

    /// <summary>The texts to translate, each under the heading of what it belongs to.</summary>
    private List<(TranslatableText, string)> Texts()
    {
        var culture = CultureInfo.CurrentUICulture;
        var today = HoursEvaluator.LocalDate(clock.GetUtcNow());
        return TranslatableText.Of(Structure, today).Select(t => (t, t.Subject switch
        {
            TranslationSubject.Structure => Localizer["La fiche"].Value,
            TranslationSubject.Service => Localizer["Service « {0} »", Structure.Services.First(s => s.Id == t.SubjectId).Name].Value,
            TranslationSubject.Notice => NoticeHeading(Structure.Notices.First(n => n.Id == t.SubjectId), culture),
            TranslationSubject.Publication => throw new InvalidOperationException("A sheet holds no publication."),
            _ => throw new ArgumentOutOfRangeException(nameof(t), t.Subject, null),
        })).ToList();
    }

    private string NoticeHeading(Notice notice, CultureInfo culture) =>
        Localizer["Information temporaire du {0} au {1}", notice.StartsOn.ToString("d MMMM", culture), notice.EndsOn.ToString("d MMMM yyyy", culture)].Value;
}
