using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reperes.Web.Core;
using Reperes.Web.Core.Changes;
using Reperes.Web.Core.Text;
using Reperes.Web.Data;
using Reperes.Web.Guide.Communes;

namespace Reperes.Web.Guide.Search;

/// <summary>A commune where the guide has places online, located at the centre of its structures.</summary>
public sealed record Commune(string Code, string Name, string? PostalCode, double Latitude, double Longitude);

/// <summary>
/// The commune a person typed, as the search uses it: where to measure distances from (the commune's centre), how
/// sure that position is, and the other communes the text may mean.
/// </summary>
public sealed record CommuneMatch(CommuneLookup Lookup, SearchOrigin? Origin)
{
    public FrenchCommune? Commune => Lookup.Commune;

    /// <summary>The commune is known, but not where it is (a few overseas collectivities).</summary>
    public bool WithoutPosition => Lookup.Commune is not null && Origin is null;
}

/// <summary>
/// Communes for the guide: every French commune (<see cref="FrenchCommunes"/>) for what people type, and the
/// communes where the guide has online places (cached; read again after a change of the public data, here or on
/// another instance), which tell homonyms apart (the guide's own territory first) and place a commune whose national
/// position is only approximate.
/// </summary>
public sealed class CommuneDirectory
{
    private readonly IServiceScopeFactory scopes;
    private readonly FrenchCommunes french;
    private readonly IOptions<ReperesOptions> options;
    private readonly Lock loading = new();
    private volatile IReadOnlyList<Commune>? communes;
    private int generation;

    public CommuneDirectory(IServiceScopeFactory scopes, FrenchCommunes french, PublicChanges changes, IOptions<ReperesOptions> options)
    {
        this.scopes = scopes;
        this.french = french;
        this.options = options;

        // A place opened or closed in a commune, here or on another instance sharing the database.
        changes.Changed += Invalidate;
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        communes = null;
    }

    /// <summary>The commune that <paramref name="text"/> names, with the position the search measures from.</summary>
    public CommuneMatch Resolve(string? text)
    {
        var lookup = french.Lookup(text, TerritoryCentre());
        return new CommuneMatch(lookup, lookup.Commune is { } commune ? OriginOf(commune) : null);
    }

    /// <summary>
    /// Where a commune is: its national centre when exact; else the centre of the guide's places in it when there
    /// are some; else the national estimate, said to be approximate.
    /// </summary>
    public SearchOrigin? OriginOf(FrenchCommune commune)
    {
        if (commune.Precision == CentrePrecision.Exact)
        {
            return new SearchOrigin(commune.Latitude!.Value, commune.Longitude!.Value, commune.Name);
        }

        if (commune.Kind is CommuneKind.Commune or CommuneKind.MunicipalDistrict && All().FirstOrDefault(c => c.Code == commune.Code) is { } placed)
        {
            return new SearchOrigin(placed.Latitude, placed.Longitude, commune.Name);
        }

        return commune.HasCentre ? new SearchOrigin(commune.Latitude!.Value, commune.Longitude!.Value, commune.Name, Approximate: true) : null;
    }

    /// <summary>A commune of the guide by its INSEE code, its postal code or its name (for the coordination's lists).</summary>
    public Commune? Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var folded = TextFolding.Fold(text).Trim();
        var all = All();
        return all.FirstOrDefault(c => c.Code == folded || c.PostalCode == folded)
            ?? all.FirstOrDefault(c => TextFolding.Fold(c.Name).Trim() == folded)
            ?? all.FirstOrDefault(c => TextFolding.Fold(c.Name).Trim().StartsWith(folded, StringComparison.Ordinal));
    }

    /// <summary>The communes where the guide has online places, the busiest first.</summary>
    public IReadOnlyList<Commune> All()
    {
        if (communes is { } cached)
        {
            return cached;
        }

        // One reading at a time: at national scale it scans every structure (a third of a second at 100,000), and
        // the requests arriving meanwhile (a start under traffic, a change) would each scan again.
        lock (loading)
        {
            if (communes is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            var before = Volatile.Read(ref generation);
            var list = Load();

            // A change saved during the reading leaves the list to be read again by the next caller.
            if (Volatile.Read(ref generation) == before)
            {
                communes = list;
            }

            return list;
        }
    }

    private List<Commune> Load()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var rows = db.Database.GetDbConnection().Query<(string Code, string Name, string PostalCode, double Latitude, double Longitude, long Count)>(
            """
            SELECT commune_code, MIN(city), MIN(postal_code), AVG(latitude), AVG(longitude), COUNT(*)
            FROM structures
            WHERE commune_code IS NOT NULL AND latitude IS NOT NULL AND status = 1
            GROUP BY commune_code
            """);
        return rows.OrderByDescending(r => r.Count).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new Commune(r.Code, r.Name, r.PostalCode, r.Latitude, r.Longitude)).ToList();
    }

    /// <summary>Where the guide's places are (its busiest commune), or the map's default centre before there are any.</summary>
    private (double Latitude, double Longitude) TerritoryCentre() =>
        All() is [var busiest, ..] ? (busiest.Latitude, busiest.Longitude) : (options.Value.Map.DefaultLatitude, options.Value.Map.DefaultLongitude);
}
