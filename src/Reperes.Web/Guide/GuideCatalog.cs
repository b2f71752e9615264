using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide;

public sealed record CategoryInfo(int Id, string Code, string NameFr, string NameEn, int NeedId, string NeedCode, IReadOnlyList<string> Thematiques, IReadOnlyList<string> Synonyms)
{
    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr" ? NameFr : NameEn;
}

public sealed record NeedInfo(int Id, string Code, string NameFr, string NameEn, string DescriptionFr, string DescriptionEn, string Pictogram, string Color, IReadOnlyList<CategoryInfo> Categories)
{
    public string Name(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr" ? NameFr : NameEn;

    public string Description(CultureInfo culture) => culture.TwoLetterISOLanguageName == "fr" ? DescriptionFr : DescriptionEn;
}

/// <summary>
/// The taxonomy held in memory (it is small and read on every page), with the lexicon of the search.
/// Reloaded after the taxonomy changes.
/// </summary>
public sealed class GuideCatalog(IServiceScopeFactory scopes)
{
    private volatile Snapshot? snapshot;

    public IReadOnlyList<NeedInfo> Needs => Current.Needs;

    /// <summary>True when demonstration structures are loaded: the interface then says so.</summary>
    public bool HasDemoData => Current.HasDemoData;

    public CategoryInfo? Category(string? code) => code is not null && Current.CategoriesByCode.TryGetValue(code, out var c) ? c : null;

    public CategoryInfo? Category(int id) => Current.CategoriesById.GetValueOrDefault(id);

    public NeedInfo? Need(string? code) => code is not null && Current.NeedsByCode.TryGetValue(code, out var n) ? n : null;

    public NeedInfo? Need(int id) => Current.Needs.FirstOrDefault(n => n.Id == id);

    /// <summary>The search's lexicon: taxonomy words and the reviewed search vocabulary.</summary>
    public SearchLexicon Lexicon => Current.Lexicon;

    public void Invalidate() => snapshot = null;

    private Snapshot Current => snapshot ??= Load();

    private Snapshot Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var needs = db.Needs.AsNoTracking().Include(n => n.Categories).OrderBy(n => n.Position).ToList();
        var infos = needs.Select(n => new NeedInfo(
                n.Id, n.Code, n.NameFr, n.NameEn, n.DescriptionFr, n.DescriptionEn, n.Pictogram, n.Color,
                n.Categories.OrderBy(c => c.Position).Select(c => new CategoryInfo(
                    c.Id, c.Code, c.NameFr, c.NameEn, n.Id, n.Code,
                    c.Thematiques.Split('|', StringSplitOptions.RemoveEmptyEntries),
                    c.Synonyms.Split('|', StringSplitOptions.RemoveEmptyEntries))).ToList()))
            .ToList();

        return new Snapshot(
            db.Structures.Any(s => s.IsDemo),
            infos,
            infos.ToDictionary(n => n.Code, StringComparer.Ordinal),
            infos.SelectMany(n => n.Categories).ToDictionary(c => c.Code, StringComparer.Ordinal),
            infos.SelectMany(n => n.Categories).ToDictionary(c => c.Id),
            SearchLexicon.Build(infos, Data.SeedFiles.Taxonomy(), Data.SeedFiles.SearchVocabulary()));
    }

    private sealed record Snapshot(
        bool HasDemoData,
        IReadOnlyList<NeedInfo> Needs,
        IReadOnlyDictionary<string, NeedInfo> NeedsByCode,
        IReadOnlyDictionary<string, CategoryInfo> CategoriesByCode,
        IReadOnlyDictionary<int, CategoryInfo> CategoriesById,
        SearchLexicon Lexicon);
}
