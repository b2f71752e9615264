using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Taxonomy;

public sealed record CategoryInfo(int Id, string Code, string NameFr, string NameEn, int NeedId, string NeedCode, IReadOnlyList<string> Thematiques, IReadOnlyList<string> Synonyms)
{
    public string Name(CultureInfo culture) => TaxonomyNames.Category(Code, NameFr, NameEn, culture);
}

public sealed record NeedInfo(int Id, string Code, string NameFr, string NameEn, string DescriptionFr, string DescriptionEn, string Pictogram, string Color, IReadOnlyList<CategoryInfo> Categories)
{
    public string Name(CultureInfo culture) => TaxonomyNames.Need(Code, NameFr, NameEn, culture);

    public string Description(CultureInfo culture) => TaxonomyNames.NeedDescription(Code, DescriptionFr, DescriptionEn, culture);
}

/// <summary>
/// The taxonomy held in memory (it is small and read on every page). Reloaded after the taxonomy changes: a new
/// <see cref="Needs"/> list then tells the caches built on it (the search's lexicon) to rebuild.
/// </summary>
public sealed class GuideCatalog(IServiceScopeFactory scopes, Changes.PublicChanges changes)
{
    private volatile Snapshot? snapshot;

    public IReadOnlyList<NeedInfo> Needs => Current.Needs;

    /// <summary>True when demonstration structures are loaded: the interface then says so.</summary>
    public bool HasDemoData => Current.HasDemoData;

    public CategoryInfo? Category(string? code) => code is not null && Current.CategoriesByCode.TryGetValue(code, out var c) ? c : null;

    public CategoryInfo? Category(int id) => Current.CategoriesById.GetValueOrDefault(id);

    public NeedInfo? Need(string? code) => code is not null && Current.NeedsByCode.TryGetValue(code, out var n) ? n : null;

    public NeedInfo? Need(int id) => Current.Needs.FirstOrDefault(n => n.Id == id);

    /// <summary>Reads the taxonomy again at next use; what was built from it on this instance (search answers) too.</summary>
    public void Invalidate()
    {
        snapshot = null;
        changes.Committed();
    }

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
            infos.SelectMany(n => n.Categories).ToDictionary(c => c.Id));
    }

    private sealed record Snapshot(
        bool HasDemoData,
        IReadOnlyList<NeedInfo> Needs,
        IReadOnlyDictionary<string, NeedInfo> NeedsByCode,
        IReadOnlyDictionary<string, CategoryInfo> CategoriesByCode,
        IReadOnlyDictionary<int, CategoryInfo> CategoriesById);
}
