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

/// <summary>
/// The translations, in the language of the request, of the texts one response shows: the page and its partials add
/// the structures and publications they show (<see cref="IncludeAsync"/>, each read once), then ask for each text.
/// Nothing is read in a French page.
/// </summary>
public sealed class ContentTexts
{
    private readonly Dictionary<(TranslationSubject, int, string), (string Text, bool Machine, bool Outdated)> translations = [];
    private readonly HashSet<int> structures = [];
    private readonly HashSet<int> publications = [];

    private ContentTexts(string language) => Language = language;

    /// <summary>The language of the page (two letters).</summary>
    public string Language { get; }

    public bool IsFrench => Language == "fr";

    public static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName;

    /// <summary>The request's set, in the request's language (created empty on first use).</summary>
    public static ContentTexts For(HttpContext context)
    {
        if (context.Items[typeof(ContentTexts)] is ContentTexts texts)
        {
            return texts;
        }

        texts = new ContentTexts(LanguageOf(CultureInfo.CurrentUICulture));
        context.Items[typeof(ContentTexts)] = texts;
        return texts;
    }

    /// <summary>Reads the translations of these structures' texts (their services' and notices' included) and publications, those not read yet.</summary>
    public static Task IncludeAsync(HttpContext context, IEnumerable<int> structureIds, IEnumerable<int> publicationIds) =>
        For(context).IncludeAsync(context.RequestServices.GetRequiredService<ReperesDbContext>(), structureIds, publicationIds, context.RequestAborted);

    public async Task IncludeAsync(ReperesDbContext db, IEnumerable<int> structureIds, IEnumerable<int> publicationIds, CancellationToken cancellationToken)
    {
        if (IsFrench)
        {
            return;
        }

        var newStructures = structureIds.Where(structures.Add).ToList();
        var newPublications = publicationIds.Where(publications.Add).ToList();
        if (newStructures.Count == 0 && newPublications.Count == 0)
        {
            return;
        }

        var rows = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Language == Language && t.Status != TranslationStatus.ToTranslate)
            .Where(t => (t.Subject != TranslationSubject.Publication && t.StructureId != null && newStructures.Contains(t.StructureId.Value))
                || (t.Subject == TranslationSubject.Publication && newPublications.Contains(t.SubjectId)))
            .Select(t => new { t.Subject, t.SubjectId, t.Field, t.Text, t.IsMachine, Outdated = t.OutdatedSince != null })
            .ToListAsync(cancellationToken);
        foreach (var r in rows)
        {
            translations[(r.Subject, r.SubjectId, r.Field)] = (r.Text, r.IsMachine, r.Outdated);
        }
    }

    /// <summary>The text to show for <paramref name="french"/>, the subject's field.</summary>
    public ShownText Show(TranslationSubject subject, int subjectId, string field, string? french)
    {
        if (IsFrench || string.IsNullOrWhiteSpace(french))
        {
            return new ShownText(french ?? "", null, false, false);
        }

        return translations.TryGetValue((subject, subjectId, field), out var t)
            ? new ShownText(t.Text, null, t.Machine, t.Outdated)
            : new ShownText(french, "fr", false, false);
    }
}
