using Dapper;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

public sealed record Commune(string Code, string Name, string? PostalCode, double Latitude, double Longitude);

/// <summary>
/// Communes known to the guide, located at the centre of their structures: enough to search "near Brest"
/// without shipping a national gazetteer. Cached; reloaded when structures change.
/// </summary>
public sealed class CommuneDirectory(IServiceScopeFactory scopes)
{
    private volatile IReadOnlyList<Commune>? communes;

    public void Invalidate() => communes = null;

    public Commune? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = TextNormalizer.Fold(text).Trim();
        var all = All();
        return all.FirstOrDefault(c => c.Code == folded || c.PostalCode == folded)
            ?? all.FirstOrDefault(c => TextNormalizer.Fold(c.Name).Trim() == folded)
            ?? all.FirstOrDefault(c => TextNormalizer.Fold(c.Name).Trim().StartsWith(folded, StringComparison.Ordinal));
    }

    public IReadOnlyList<Commune> All()
    {
        if (communes is { } cached)
        {
            return cached;
        }

        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var rows = db.Database.GetDbConnection().Query<(string Code, string Name, string PostalCode, double Latitude, double Longitude, long Count)>(
            """
            SELECT commune_code, MIN(city), MIN(postal_code), AVG(latitude), AVG(longitude), COUNT(*)
            FROM structures
            WHERE commune_code IS NOT NULL AND latitude IS NOT NULL AND status = 1
            GROUP BY commune_code
            """);
        var list = rows.OrderByDescending(r => r.Count).Select(r => new Commune(r.Code, r.Name, r.PostalCode, r.Latitude, r.Longitude)).ToList();
        communes = list;
        return list;
    }
}
