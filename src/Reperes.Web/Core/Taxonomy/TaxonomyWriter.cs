using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Taxonomy;

/// <summary>What became of a synonym asked for a category.</summary>
public enum SynonymOutcome
{
    Added,
    AlreadyThere,
    UnknownCategory,
    Invalid,
}

/// <summary>
/// The one write path of the taxonomy once it is loaded: it saves, then reloads the catalog, so that the search's
/// lexicon (rebuilt from the catalog) understands the new words at the next request.
/// </summary>
public sealed class TaxonomyWriter(ReperesDbContext db, GuideCatalog catalog)
{
    /// <summary>At most this many words in a synonym, of at most this many characters in all.</summary>
    public const int MaxSynonymWords = 5;

    public const int MaxSynonymLength = 60;

    /// <summary>The synonym as stored: folded words separated by single spaces; empty when it cannot be one (digits, @, too long, nothing).</summary>
    public static string SynonymOf(string? text)
    {
        var words = TextFolding.Fold(text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > MaxSynonymWords || words.Any(w => w.Any(char.IsDigit)) || (text ?? "").Contains('@', StringComparison.Ordinal))
        {
            return "";
        }

        var synonym = string.Join(' ', words);
        return synonym.Length > MaxSynonymLength ? "" : synonym;
    }

    /// <summary>Adds <paramref name="text"/> to the synonyms of the category <paramref name="categoryCode"/>.</summary>
    public async Task<SynonymOutcome> AddSynonymAsync(string categoryCode, string? text, CancellationToken cancellationToken)
    {
        var synonym = SynonymOf(text);
        if (synonym.Length == 0)
        {
            return SynonymOutcome.Invalid;
        }

        var category = await db.Categories.AsNoTracking().Where(c => c.Code == categoryCode).Select(c => new { c.Code, c.Synonyms }).SingleOrDefaultAsync(cancellationToken);
        if (category is null)
        {
            return SynonymOutcome.UnknownCategory;
        }

        if (category.Synonyms.Split('|', StringSplitOptions.RemoveEmptyEntries).Any(s => TextFolding.Fold(s).Trim() == synonym))
        {
            return SynonymOutcome.AlreadyThere;
        }

        if (category.Synonyms.Length + synonym.Length + 1 > Category.MaxSynonymsLength)
        {
            return SynonymOutcome.Invalid;
        }

        // One statement: two coordinators adding words at the same time both keep theirs.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE categories SET synonyms = CASE WHEN synonyms = '' THEN {synonym} ELSE synonyms || '|' || {synonym} END WHERE code = {categoryCode}",
            cancellationToken);

        // The search's answers kept here and on the other instances were given with the old words.
        await Changes.PublicChanges.CountAsync(db, cancellationToken);
        catalog.Invalidate();
        return SynonymOutcome.Added;
    }
}
