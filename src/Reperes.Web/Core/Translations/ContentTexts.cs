using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Translations;

/// <summary>
/// A free text as a public page shows it: the visitor's language when a translation exists (<see cref="Machine"/>,
/// <see cref="Outdated"/> said discreetly), else the French, then marked <see cref="Lang"/> = "fr" in a page of another
/// language.
/// </summary>
public sealed record ShownText(string Text, string? Lang, bool Machine, bool Outdated);

/// <summary>The translations of the texts one page shows, in the visitor's language, read once per page.</summary>
public sealed class ContentTexts
{
    private readonly Dictionary<(TranslationSubject, int, string), (string Text, bool Machine, bool Outdated)> translations;

    private ContentTexts(string language, Dictionary<(TranslationSubject, int, string), (string, bool, bool)> translations)
    {
        Language = language;
        this.translations = translations;
    }

    /// <summary>The language of the page (two letters).</summary>
    public string Language { get; }

    public bool IsFrench => Language == "fr";

    /// <summary>No translation: every text in French, marked so when the page is in another language.</summary>
    public static ContentTexts None(CultureInfo culture) => new(LanguageOf(culture), []);

    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName;

    /// <summary>
    /// The translations (with text) in <paramref name="culture"/>'s language of the structures' texts (their services' and
    /// notices' included) and of the publications; nothing is read in a French page.
    /// </summary>
    public static async Task<ContentTexts> LoadAsync(ReperesDbContext db, CultureInfo culture, IReadOnlyCollection<int> structureIds, IReadOnlyCollection<int> publicationIds, CancellationToken cancellationToken)
    {
        var language = LanguageOf(culture);
        if (language == "fr" || (structureIds.Count == 0 && publicationIds.Count == 0))
        {
            return new ContentTexts(language, []);
        }

        var structures = structureIds.Distinct().ToList();
        var publications = publicationIds.Distinct().ToList();
        var rows = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Language == language && t.Status != TranslationStatus.ToTranslate)
            .Where(t => (t.Subject != TranslationSubject.Publication && t.StructureId != null && structures.Contains(t.StructureId.Value))
                || (t.Subject == TranslationSubject.Publication && publications.Contains(t.SubjectId)))
            .Select(t => new { t.Subject, t.SubjectId, t.Field, t.Text, t.IsMachine, Outdated = t.OutdatedSince != null })
            .ToListAsync(cancellationToken);
        return new ContentTexts(language, rows.ToDictionary(r => (r.Subject, r.SubjectId, r.Field), r => (r.Text, r.IsMachine, r.Outdated)));
    }

    /// <summary>The text to show for <paramref name="french"/>, the subject's field.</summary>
    public ShownText Show(TranslationSubject subject, int subjectId, string field, string french)
    {
        if (IsFrench || string.IsNullOrWhiteSpace(french))
        {
            return new ShownText(french, null, false, false);
        }

        return translations.TryGetValue((subject, subjectId, field), out var t)
            ? new ShownText(t.Text, null, t.Machine, t.Outdated)
            : new ShownText(french, "fr", false, false);
    }
}
