using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Translations;
using Reperes.Web.Data;

namespace Reperes.Web.Translations;

/// <summary>A French text and its translation in the language worked on (null: to translate).</summary>
public sealed record TranslationItem(TranslatableText Source, string Heading, ContentTranslation? Translation)
{
    public TranslationStatus Status => Translation?.Status ?? TranslationStatus.ToTranslate;

    /// <summary>The anchor of the text on its page.</summary>
    public string Anchor => $"t-{(int)Source.Subject}-{Source.SubjectId}-{Source.Field}";
}

/// <summary>How a write of the translation desk ended.</summary>
public enum DeskOutcome
{
    Saved,
    Reviewed,

    /// <summary>The same text, not asked to be reviewed: nothing written.</summary>
    Unchanged,
    Empty,
    TooLong,

    /// <summary>A person's reviewed translation that follows the French is never replaced by a machine's.</summary>
    ReviewedKept,
    MachineUnavailable,

    /// <summary>Someone else wrote the same translation at the same moment: theirs is kept.</summary>
    Conflict,
}

/// <summary>
/// What the translation pages do, for a structure's texts as for a publication's: list the texts with their translation
/// in one language, save a person's draft or reviewed text, ask the machine for a draft. Authorization stays with the
/// pages (on the structure or the publication); the texts given are those of that resource only.
/// </summary>
public sealed class TranslationDesk(ReperesDbContext db, MachineTranslator machine, UserManager<ReperesUser> users, TimeProvider clock)
{
    public bool MachineEnabled => machine.Enabled;

    /// <summary>The languages content is translated into: the interface's, French aside.</summary>
    public static IReadOnlyList<CultureInfo> Languages => Cultures.Supported.Where(c => c.TwoLetterISOLanguageName != "fr").ToList();

    /// <summary>The language's name written in itself, as the language switch names it.</summary>
    public static string Endonym(CultureInfo culture) =>
        Cultures.Languages.FirstOrDefault(l => l.Culture.Name == culture.Name)?.Endonym ?? culture.NativeName;

    /// <summary>The language asked (its two letters), when it is one of <see cref="Languages"/>.</summary>
    public static CultureInfo? Language(string? code) =>
        Languages.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IReadOnlyList<TranslationItem>> ItemsAsync(IReadOnlyList<(TranslatableText Source, string Heading)> texts, string language, CancellationToken cancellationToken)
    {
        var keys = texts.Select(t => (t.Source.Subject, t.Source.SubjectId)).Distinct().ToList();
        var subjects = keys.Select(k => k.SubjectId).Distinct().ToList();
        var rows = await db.ContentTranslations.AsNoTracking()
            .Where(t => t.Language == language && subjects.Contains(t.SubjectId))
            .ToListAsync(cancellationToken);
        var byKey = rows.ToDictionary(r => (r.Subject, r.SubjectId, r.Field));
        return texts.Select(t => new TranslationItem(t.Source, t.Heading, byKey.GetValueOrDefault(t.Source.Key))).ToList();
    }

    /// <summary>A person's text for <paramref name="source"/>: a draft, or reviewed when <paramref name="review"/> (the text checked against the French now).</summary>
    public async Task<DeskOutcome> SaveAsync(TranslatableText source, string language, string? text, bool review, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return DeskOutcome.Empty;
        }

        if (trimmed.Length > ContentTranslation.MaxTextLength)
        {
            return DeskOutcome.TooLong;
        }

        var me = await users.GetUserAsync(user) ?? throw new InvalidOperationException("A translation is written by a signed-in person.");
        var now = clock.GetUtcNow();
        var existing = await FindAsync(source, language, cancellationToken);
        if (existing is null)
        {
            existing = ContentTranslation.Draft(source, language, trimmed, me.Id, me.DisplayName, now);
            db.ContentTranslations.Add(existing);
        }
        else if (existing.Text != trimmed || existing.IsOutdated)
        {
            existing.Write(trimmed, source.Hash, me.Id, me.DisplayName, now);
        }
        else if (!review)
        {
            return DeskOutcome.Unchanged;
        }

        if (review)
        {
            existing.Review(source.Hash, me.Id, me.DisplayName, now);
        }

        return await SaveChangesAsync(cancellationToken) ? review ? DeskOutcome.Reviewed : DeskOutcome.Saved : DeskOutcome.Conflict;
    }

    /// <summary>A machine draft of <paramref name="source"/>, labelled as such until a person reviews it.</summary>
    public async Task<DeskOutcome> MachineDraftAsync(TranslatableText source, string language, CancellationToken cancellationToken)
    {
        var existing = await FindAsync(source, language, cancellationToken);
        if (existing is { Status: TranslationStatus.Reviewed, IsOutdated: false })
        {
            return DeskOutcome.ReviewedKept;
        }

        if (await machine.TranslateAsync(source.French, language, cancellationToken) is not { } text)
        {
            return DeskOutcome.MachineUnavailable;
        }

        var now = clock.GetUtcNow();
        if (existing is null)
        {
            db.ContentTranslations.Add(ContentTranslation.MachineDraft(source, language, text, machine.Name, now));
        }
        else
        {
            existing.WriteByMachine(text, source.Hash, machine.Name, now);
        }

        return await SaveChangesAsync(cancellationToken) ? DeskOutcome.Saved : DeskOutcome.Conflict;
    }

    private Task<ContentTranslation?> FindAsync(TranslatableText source, string language, CancellationToken cancellationToken) =>
        db.ContentTranslations.FirstOrDefaultAsync(
            t => t.Subject == source.Subject && t.SubjectId == source.SubjectId && t.Field == source.Field && t.Language == language, cancellationToken);

    private async Task<bool> SaveChangesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique index: the same text and language written by someone else in between.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
