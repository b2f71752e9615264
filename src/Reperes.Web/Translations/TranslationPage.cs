using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Translations;

namespace Reperes.Web.Translations;

/// <summary>One text's form on a translation page: which text (checked against the page's own texts) and what was typed.</summary>
public sealed class TranslationInput
{
    public int Subject { get; set; }
    public int SubjectId { get; set; }
    public string? Field { get; set; }
    public string? Text { get; set; }

    /// <summary>"1": the text was checked against the French, mark it reviewed.</summary>
    public string? Review { get; set; }
}

/// <summary>
/// What the translation pages of a sheet and of a publication share: the language worked on (?langue=, the first one
/// by default), the texts with their translation, and the handling of one text's form (Post/Redirect/Get; a refusal
/// keeps what was typed and says why beside it). The handlers themselves are declared by each page.
/// </summary>
public abstract class TranslationPage(TranslationDesk desk, IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer => localizer;

    [BindProperty]
    public TranslationInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "langue")]
    public string? LanguageCode { get; set; }

    /// <summary>What was just done, said on arrival.</summary>
    [BindProperty(SupportsGet = true, Name = "fait")]
    public string? Done { get; set; }

    public CultureInfo Language { get; private set; } = null!;

    public IReadOnlyList<TranslationItem> Items { get; private set; } = [];

    public bool MachineEnabled => desk.MachineEnabled;

    /// <summary>The text whose form was refused, its message and what was typed.</summary>
    public string? ErrorAnchor { get; private set; }

    public string? Error { get; private set; }

    public string? Typed { get; private set; }

    /// <summary>The page's address for another language.</summary>
    public abstract string UrlFor(string language);

    /// <summary>The language asked, else the first one; false when none is offered or the one asked is unknown.</summary>
    protected bool ChooseLanguage()
    {
        var language = LanguageCode is { Length: > 0 } ? TranslationDesk.Language(LanguageCode) : TranslationDesk.Languages.FirstOrDefault();
        if (language is null)
        {
            return false;
        }

        Language = language;
        LanguageCode = language.TwoLetterISOLanguageName;
        return true;
    }

    protected async Task<IActionResult> ShowAsync(IReadOnlyList<(TranslatableText Source, string Heading)> texts)
    {
        Items = await desk.ItemsAsync(texts, LanguageCode!, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Saves the text of the form (a draft, or reviewed), or asks the machine for a draft.</summary>
    protected async Task<IActionResult> WriteAsync(IReadOnlyList<(TranslatableText Source, string Heading)> texts, bool machine)
    {
        var source = texts.Select(t => t.Source).FirstOrDefault(t => (int)t.Subject == Input.Subject && t.SubjectId == Input.SubjectId && t.Field == Input.Field);
        if (source is null)
        {
            // Not one of this resource's texts (another structure's, a text removed since): nothing to write here.
            return NotFound();
        }

        var outcome = machine
            ? await desk.MachineDraftAsync(source, LanguageCode!, HttpContext.RequestAborted)
            : await desk.SaveAsync(source, LanguageCode!, Input.Text, Input.Review == "1", User, HttpContext.RequestAborted);
        var anchor = new TranslationItem(source, "", null).Anchor;
        var refusal = outcome switch
        {
            DeskOutcome.Saved or DeskOutcome.Reviewed or DeskOutcome.Unchanged => null,
            DeskOutcome.Empty => localizer["Écrivez la traduction avant de l’enregistrer."].Value,
            DeskOutcome.TooLong => localizer["La traduction est trop longue : 20 000 caractères au plus."].Value,
            DeskOutcome.ReviewedKept => localizer["Cette traduction est relue et suit le texte français : elle n’est pas remplacée par une traduction automatique."].Value,
            DeskOutcome.MachineUnavailable => localizer["La traduction automatique n’a pas répondu : réessayez plus tard, ou traduisez vous-même."].Value,
            DeskOutcome.Conflict => localizer["Quelqu’un vient d’enregistrer cette traduction en même temps : la voici, vérifiez-la."].Value,
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
        };
        if (refusal is not null)
        {
            ErrorAnchor = anchor;
            Error = refusal;
            Typed = outcome == DeskOutcome.Conflict ? null : Input.Text;
            Response.StatusCode = outcome == DeskOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return await ShowAsync(texts);
        }

        var done = outcome switch
        {
            DeskOutcome.Reviewed => "relue",
            DeskOutcome.Unchanged => "rien",
            _ => machine ? "automatique" : "brouillon",
        };
        return Redirect($"{UrlFor(LanguageCode!)}&fait={done}#{anchor}");
    }
}
