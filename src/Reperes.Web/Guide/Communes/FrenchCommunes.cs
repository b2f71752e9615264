using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Guide.Communes;

public enum CommuneMatchKind
{
    /// <summary>The text names this commune (by its name, postal code or INSEE code).</summary>
    Found,

    /// <summary>The text was completed or corrected into this commune's name: say what was understood.</summary>
    Corrected,

    /// <summary>No commune: <see cref="CommuneLookup.Others"/> holds the closest names, if any.</summary>
    Unknown,
}

/// <summary>What a typed commune names: the commune, and the others it may mean (homonyms, same postal code) or suggestions.</summary>
public sealed record CommuneLookup(CommuneMatchKind Kind, FrenchCommune? Commune, IReadOnlyList<FrenchCommune> Others)
{
    public static readonly CommuneLookup None = new(CommuneMatchKind.Unknown, null, []);
}

/// <summary>
/// Every French commune (about 35,000, with the municipal districts and the delegated communes), from the national
/// list built into the application at build time (build-communes.mjs). Loaded once, on first use.
/// </summary>
public sealed partial class FrenchCommunes(ILogger<FrenchCommunes> logger)
{
    public const string ResourceName = "Reperes.Web.Communes.tsv.gz";

    private const int MaxOthers = 8;

    private static readonly HashSet<string> DistrictCities = new(StringComparer.Ordinal) { "paris", "lyon", "marseille" };

    private readonly Lazy<Index> index = new(() => Index.Load(logger), LazyThreadSafetyMode.ExecutionAndPublication);

    public IReadOnlyList<FrenchCommune> All => index.Value.All;

    /// <summary>A current commune or municipal district by its INSEE code.</summary>
    public FrenchCommune? ByCode(string? code) =>
        code is not null && index.Value.ByCode.TryGetValue(code.Trim().ToUpperInvariant(), out var commune) ? commune : null;

    /// <summary>The communes (and municipal districts) that a postal code serves.</summary>
    public IReadOnlyList<FrenchCommune> WithPostalCode(string postalCode) =>
        index.Value.ByPostalCode.TryGetValue(postalCode.Trim(), out var communes) ? communes : [];

    /// <summary>
    /// The commune a person means by <paramref name="text"/>: a name (accents, case, hyphens, "St" ignored), a postal
    /// code, an INSEE code, or a name with its postal code or department ("plouzane 29280", "Saint-Martin (35)").
    /// Homonyms are ordered by their distance to <paramref name="near"/> (the guide's territory), the communes of a
    /// postal code by population; a misspelt or partial name is corrected when only one commune is that close.
    /// </summary>
    public CommuneLookup Lookup(string? text, (double Latitude, double Longitude)? near)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            return CommuneLookup.None;
        }

        var data = index.Value;
        var query = Parse(text, data);
        if (query.Words.Count == 0)
        {
            if (query.Code is not { } code)
            {
                return CommuneLookup.None;
            }

            if (data.ByPostalCode.TryGetValue(code, out var served))
            {
                // Paris, Lyon and Marseille: the district the postal code serves, not the whole city.
                var districts = served.Where(c => c.Kind == CommuneKind.MunicipalDistrict).Select(c => c.ParentCode).ToHashSet(StringComparer.Ordinal);
                var ordered = served.Where(c => !districts.Contains(c.Code))
                    .OrderByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal).ToList();
                return new CommuneLookup(CommuneMatchKind.Found, ordered[0], ordered.Skip(1).Take(MaxOthers).ToList());
            }

            return data.ByCode.TryGetValue(code, out var byCode) ? new CommuneLookup(CommuneMatchKind.Found, byCode, []) : CommuneLookup.None;
        }

        var key = CommuneNames.Key(query.Words);
        if (data.ByKey.TryGetValue(key, out var named))
        {
            return Choose(CommuneMatchKind.Found, Qualified(named, query), near);
        }

        if (key.Length < 3)
        {
            return CommuneLookup.None;
        }

        // A beginning of a name: "plouza".
        var started = Qualified(data.StartingWith(key), query);
        if (started.Count == 1)
        {
            return new CommuneLookup(CommuneMatchKind.Corrected, started[0], []);
        }

        if (started.Count > 1)
        {
            return new CommuneLookup(CommuneMatchKind.Unknown, null, Nearest(started, near).Take(MaxOthers).ToList());
        }

        // A misspelt name: the closest names, within one letter in five.
        var limit = key.Length <= 5 ? 1 : key.Length <= 10 ? 2 : 3;
        var close = new List<(FrenchCommune Commune, int Distance)>();
        foreach (var (candidateKey, communes) in data.ByKey)
        {
            var distance = CommuneNames.Distance(key, candidateKey, limit);
            if (distance <= limit)
            {
                close.AddRange(communes.Select(c => (c, distance)));
            }
        }

        var qualified = close.Where(c => Qualified([c.Commune], query).Count == 1).ToList();
        if (qualified.Count > 0)
        {
            close = qualified;
        }

        if (close.Count == 0)
        {
            return CommuneLookup.None;
        }

        var best = close.Min(c => c.Distance);
        var closest = close.Where(c => c.Distance == best).Select(c => c.Commune).Distinct().ToList();
        var suggestions = close.OrderBy(c => c.Distance).ThenBy(c => Proximity(c.Commune, near)).ThenByDescending(c => c.Commune.Population)
            .Select(c => c.Commune).Distinct().Take(MaxOthers).ToList();
        return closest.Count == 1
            ? new CommuneLookup(CommuneMatchKind.Corrected, closest[0], [])
            : new CommuneLookup(CommuneMatchKind.Unknown, null, suggestions);
    }

    /// <summary>
    /// Communes to offer while a person types (a form's commune field): those a postal code serves, else the names
    /// that are, begin with or are close to the text, the territory's first; one per postal code.
    /// </summary>
    public IReadOnlyList<(FrenchCommune Commune, string PostalCode)> Suggest(string? text, (double Latitude, double Longitude)? near, int max = 10)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            return [];
        }

        var data = index.Value;
        var query = Parse(text, data);
        IEnumerable<FrenchCommune> communes;
        if (query.Words.Count == 0)
        {
            communes = query.Code is { } code && data.ByPostalCode.TryGetValue(code, out var served) ? served.OrderByDescending(c => c.Population) : [];
        }
        else
        {
            var key = CommuneNames.Key(query.Words);
            var named = data.ByKey.TryGetValue(key, out var exact) ? Nearest(Qualified(exact, query), near).ToList() : [];
            var started = key.Length < 2 ? [] : Nearest(Qualified(data.StartingWith(key), query), near).ToList();
            communes = named.Concat(started).Distinct().ToList();
            if (!communes.Any() && Lookup(text, near) is { } lookup)
            {
                communes = (lookup.Commune is null ? [] : new[] { lookup.Commune }).Concat(lookup.Others);
            }
        }

        return communes
            .SelectMany(c => c.PostalCodes.Count == 0 ? [(c, "")] : c.PostalCodes.Where(p => query.Code is null || p == query.Code || c.PostalCodes.All(q => q != query.Code)).Select(p => (c, p)))
            .Take(max)
            .ToList();
    }

    private static CommuneLookup Choose(CommuneMatchKind kind, IReadOnlyList<FrenchCommune> candidates, (double Latitude, double Longitude)? near)
    {
        var ordered = Nearest(candidates, near).ToList();
        return new CommuneLookup(kind, ordered[0], ordered.Skip(1).Take(MaxOthers).ToList());
    }

    private static IEnumerable<FrenchCommune> Nearest(IEnumerable<FrenchCommune> communes, (double Latitude, double Longitude)? near) =>
        communes.OrderBy(c => Proximity(c, near)).ThenByDescending(c => c.Population).ThenBy(c => c.Code, StringComparer.Ordinal);

    private static double Proximity(FrenchCommune commune, (double Latitude, double Longitude)? near) =>
        near is { } point && commune.HasCentre ? Geo.DistanceKm(point.Latitude, point.Longitude, commune.Latitude!.Value, commune.Longitude!.Value) : double.MaxValue;

    /// <summary>The candidates that have the typed postal code or INSEE code and department; all of them when none has.</summary>
    private static List<FrenchCommune> Qualified(IReadOnlyList<FrenchCommune> candidates, ParsedQuery query)
    {
        var kept = candidates.Where(c =>
            (query.Code is null || c.PostalCodes.Contains(query.Code) || c.Code == query.Code || c.AddressCode == query.Code)
            && (query.Department is null || c.Department == query.Department)).ToList();
        return kept.Count > 0 ? kept : candidates.ToList();
    }

    private static ParsedQuery Parse(string text, Index data)
    {
        var words = new List<string>();
        string? code = null;
        string? department = null;
        foreach (var token in TokenSeparator().Split(text.Trim()).Where(t => t.Length > 0))
        {
            var upper = token.ToUpperInvariant();
            if (CodePattern().IsMatch(upper))
            {
                code = upper;
            }
            else if (words.Count > 0 && DistrictNumber().Match(upper) is { Success: true } number && DistrictCities.Contains(CommuneNames.Key(words)))
            {
                // "Paris 13", "Lyon 1er": a municipal district.
                words.Add(number.Groups[1].Value);
            }
            else if (words.Count > 0 && data.Departments.Contains(upper))
            {
                department = upper;
            }
            else
            {
                words.AddRange(CommuneNames.Words(token));
            }
        }

        return new ParsedQuery(words, code, department);
    }

    private sealed record ParsedQuery(IReadOnlyList<string> Words, string? Code, string? Department);

    [GeneratedRegex(@"[\s,;()/]+")]
    private static partial Regex TokenSeparator();

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^(\d{1,2})(?:E|ER|EME)?$")]
    private static partial Regex DistrictNumber();

    [GeneratedRegex(@"^(Paris|Lyon|Marseille) (\d{1,2})(?:er|e) Arrondissement$")]
    private static partial Regex DistrictName();

    private sealed class Index
    {
        public required FrenchCommune[] All { get; init; }
        public required Dictionary<string, FrenchCommune> ByCode { get; init; }
        public required Dictionary<string, FrenchCommune[]> ByPostalCode { get; init; }
        public required Dictionary<string, FrenchCommune[]> ByKey { get; init; }
        public required string[] SortedKeys { get; init; }
        public required HashSet<string> Departments { get; init; }

        public List<FrenchCommune> StartingWith(string prefix)
        {
            var start = Array.BinarySearch(SortedKeys, prefix, StringComparer.Ordinal);
            start = start < 0 ? ~start : start;
            var found = new List<FrenchCommune>();
            for (var i = start; i < SortedKeys.Length && SortedKeys[i].StartsWith(prefix, StringComparison.Ordinal); i++)
            {
                found.AddRange(ByKey[SortedKeys[i]]);
            }

            return found.Distinct().ToList();
        }

        public static Index Load(ILogger logger)
        {
            var watch = Stopwatch.StartNew();
            using var resource = typeof(FrenchCommunes).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"The list of communes ({ResourceName}) is missing: the build makes it from npm packages (build-communes.mjs).");
            using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
            var all = new List<FrenchCommune>(38_000);
            var postalCodes = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                var f = line.Split('\t');
                double? latitude = f[4].Length > 0 ? double.Parse(f[4], CultureInfo.InvariantCulture) : null;
                double? longitude = f[5].Length > 0 ? double.Parse(f[5], CultureInfo.InvariantCulture) : null;
                var codes = f[3].Length == 0 ? [] : f[3].Split(',').Select(p => postalCodes.TryGetValue(p, out var same) ? same : postalCodes[p] = p).ToArray();
                all.Add(new FrenchCommune(
                    f[0],
                    f[1],
                    f[2],
                    codes,
                    latitude,
                    longitude,
                    f[6] switch { "E" => CentrePrecision.Exact, "P" => CentrePrecision.PostalCode, "I" => CentrePrecision.Intercommunality, "D" => CentrePrecision.District, _ => CentrePrecision.Unknown },
                    f[7] switch { "A" => CommuneKind.MunicipalDistrict, "D" => CommuneKind.Delegated, "S" => CommuneKind.Associated, _ => CommuneKind.Commune },
                    f[8].Length > 0 ? f[8] : null,
                    int.TryParse(f[9], NumberStyles.None, CultureInfo.InvariantCulture, out var population) ? population : 0));
            }

            var current = all.Where(c => c.Kind is CommuneKind.Commune or CommuneKind.MunicipalDistrict).ToList();
            var byKey = new Dictionary<string, List<FrenchCommune>>(StringComparer.Ordinal);
            foreach (var commune in all)
            {
                var keys = CommuneNames.Keys(commune.Name).ToList();
                if (commune.Kind == CommuneKind.MunicipalDistrict && DistrictName().Match(commune.Name) is { Success: true } district)
                {
                    keys.Add(CommuneNames.Key(district.Groups[1].Value) + int.Parse(district.Groups[2].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                }

                foreach (var key in keys.Distinct())
                {
                    if (!byKey.TryGetValue(key, out var list))
                    {
                        byKey[key] = list = [];
                    }

                    list.Add(commune);
                }
            }

            var index = new Index
            {
                All = all.ToArray(),
                ByCode = current.ToDictionary(c => c.Code, StringComparer.Ordinal),
                ByPostalCode = current.SelectMany(c => c.PostalCodes.Select(p => (Postal: p, Commune: c)))
                    .GroupBy(x => x.Postal, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(x => x.Commune).ToArray(), StringComparer.Ordinal),
                ByKey = byKey.ToDictionary(k => k.Key, k => k.Value.ToArray(), StringComparer.Ordinal),
                SortedKeys = byKey.Keys.Order(StringComparer.Ordinal).ToArray(),
                Departments = all.Select(c => c.Department).ToHashSet(StringComparer.Ordinal),
            };
            logger.LogInformation("Loaded {Count} communes in {Milliseconds} ms", all.Count, watch.ElapsedMilliseconds);
            return index;
        }
    }
}
