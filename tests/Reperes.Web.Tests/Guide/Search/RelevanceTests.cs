using System.Globalization;
using System.Net.Http.Json;
using Reperes.Web.Api;
using Reperes.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>
/// Everyday queries (everyday-queries.tsv, written as people type them before the search was tuned) over the demo
/// data: a right place among the first three results for at least 95 % of them, and an answer for every one. A
/// second set (everyday-queries-held-out.tsv), written after the vocabulary and never used to tune it, measures
/// phrasings nobody prepared for: its figures are printed, and every query must get an answer.
/// </summary>
[Collection(SharedAppsCollection.Name)]
public sealed class RelevanceTests(SharedApps apps, ITestOutputHelper output)
{
    private const double RequiredShare = 0.95;

    public sealed record EverydayQuery(string Text, IReadOnlyList<string> Categories);

    public const string MainSet = "everyday-queries.tsv";
    public const string HeldOutSet = "everyday-queries-held-out.tsv";

    public static IReadOnlyList<EverydayQuery> Load(string file = MainSet)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "Reperes.sln")))
        {
            root = root.Parent ?? throw new DirectoryNotFoundException("Reperes.sln not found above the test binaries.");
        }

        return File.ReadAllLines(Path.Combine(root.FullName, "tests", "Reperes.Web.Tests", "Guide", "Search", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Select(parts => new EverydayQuery(parts[0], parts[1].Split(',', StringSplitOptions.TrimEntries)))
            .ToList();
    }

    [Fact]
    public void Load_QuerySets_HaveEnoughQueriesWithKnownCategories()
    {
        var queries = Load();
        var heldOut = Load(HeldOutSet);
        var codes = Web.Core.Taxonomy.TaxonomyFiles.Taxonomy().Needs.SelectMany(n => n.Categories).Select(c => c.Code).ToHashSet();

        queries.Count.ShouldBeGreaterThanOrEqualTo(150);
        heldOut.Count.ShouldBeGreaterThanOrEqualTo(100);
        queries.Concat(heldOut).Select(q => q.Text).ShouldBeUnique();
        queries.Concat(heldOut).SelectMany(q => q.Categories).Where(c => !codes.Contains(c)).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_EverydayQueries_FindARightPlaceInTheFirstThree(string engine)
    {
        var (share, empty, report) = await MeasureAsync(engine, MainSet);

        empty.ShouldBeEmpty(report);
        share.ShouldBeGreaterThanOrEqualTo(RequiredShare, report);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_HeldOutQueries_AllGetAnAnswer(string engine)
    {
        var (_, empty, report) = await MeasureAsync(engine, HeldOutSet);

        empty.ShouldBeEmpty(report);
    }

    /// <summary>Runs a query set; prints and returns the share with a right place in the first three, and the queries without an answer.</summary>
    private async Task<(double Share, IReadOnlyList<string> Empty, string Report)> MeasureAsync(string engine, string file)
    {
        var client = apps.For(engine).CreateClient();
        var queries = Load(file);
        var misses = new List<string>();
        var empty = new List<string>();
        var first = 0;
        var topThree = 0;
        foreach (var query in queries)
        {
            var result = (await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?pageSize=3&q=" + Uri.EscapeDataString(query.Text)))!;
            var rank = result.Results.ToList().FindIndex(r => r.Categories.Any(query.Categories.Contains));
            if (result.Total == 0)
            {
                empty.Add(query.Text);
            }

            if (rank == 0)
            {
                first++;
            }

            if (rank >= 0)
            {
                topThree++;
            }
            else
            {
                misses.Add($"{query.Text} → {string.Join(" | ", result.Results.Select(r => r.Slug))}");
            }
        }

        var share = (double)topThree / queries.Count;
        var report = string.Create(CultureInfo.InvariantCulture,
            $"{engine}, {file}: {queries.Count} everyday queries; right place first {first} ({100.0 * first / queries.Count:F1} %), in the first three {topThree} ({100 * share:F1} %); without an answer {empty.Count}.");
        output.WriteLine(report);
        foreach (var miss in misses)
        {
            output.WriteLine("  missed: " + miss);
        }

        return (share, empty, report + Environment.NewLine + string.Join(Environment.NewLine, misses));
    }
}
