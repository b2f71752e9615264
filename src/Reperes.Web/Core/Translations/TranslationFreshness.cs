using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Translations;

/// <summary>
/// Keeps translations following their French texts: called by the structures' one write path (as an
/// <see cref="IStructureIndex"/>, inside its transaction) and by the publications' workflow before it saves. A French
/// text changed marks its translations outdated; the translations of a text gone (emptied, a service or notice
/// removed) are deleted.
/// </summary>
public sealed class TranslationFreshness(TimeProvider clock) : IStructureIndex
{
    public async Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken)
    {
        var ids = structureIds.ToList();
        if (!await db.ContentTranslations.AnyAsync(t => t.StructureId != null && ids.Contains(t.StructureId.Value) && t.Subject != TranslationSubject.Publication, cancellationToken))
        {
            return;
        }

        var structures = await db.Structures.Include(s => s.Services).Include(s => s.Notices).AsSplitQuery()
            .Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        var texts = structures.SelectMany(s => TranslatableText.Of(s)).ToList();
        var translations = await db.ContentTranslations
            .Where(t => t.StructureId != null && ids.Contains(t.StructureId.Value) && t.Subject != TranslationSubject.Publication)
            .ToListAsync(cancellationToken);
        Follow(db, texts, translations, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public void Committed(IReadOnlyCollection<int> structureIds)
    {
    }

    /// <summary>Marks the publication's translations (tracked, saved by the caller's save).</summary>
    public static async Task FollowAsync(ReperesDbContext db, Publication publication, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (publication.Id == 0)
        {
            return;
        }

        var translations = await db.ContentTranslations
            .Where(t => t.Subject == TranslationSubject.Publication && t.SubjectId == publication.Id)
            .ToListAsync(cancellationToken);
        Follow(db, TranslatableText.Of(publication), translations, at);
    }

    private static void Follow(ReperesDbContext db, IReadOnlyList<TranslatableText> texts, IReadOnlyList<ContentTranslation> translations, DateTimeOffset at)
    {
        var current = texts.ToDictionary(t => t.Key);
        foreach (var translation in translations)
        {
            if (current.TryGetValue((translation.Subject, translation.SubjectId, translation.Field), out var text))
            {
                translation.Follow(text.Hash, at);
            }
            else
            {
                db.ContentTranslations.Remove(translation);
            }
        }
    }
}
