using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace Reperes.OpeningHours.Tests;

/// <summary>Runs the vectors generated from opening_hours.js (tools/opening-hours-vectors) through the C# evaluator.</summary>
public sealed class ReferenceVectorTests(ITestOutputHelper output)
{
    /// <summary>
    /// Deliberate differences from opening_hours.js, keyed by "expression @ instant", with the reason.
    /// Keep this list empty unless the reference is demonstrably wrong.
    /// </summary>
    private static readonly Dictionary<string, string> AllowedDifferences = new(StringComparer.Ordinal);

    private sealed record Vector(string Expression, string Instant, string State, string? Comment, string? Next);

    private sealed record VectorFile(int ExpressionCount, int InstantCount, int LookAheadDays, List<Vector> Vectors);

    private static VectorFile Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Vectors", "reference-vectors.json");
        var json = File.ReadAllText(path);
        return JsonSerializer.Deserialize<VectorFile>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    internal static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    [Fact]
    public void ReferenceVectors_AllPairs_AgreeWithOpeningHoursJs()
    {
        var file = Load();
        file.Vectors.Count.ShouldBeGreaterThanOrEqualTo(5000);
        var schedules = new Dictionary<string, OpeningHoursSchedule>(StringComparer.Ordinal);
        var differences = new List<string>();
        var allowed = 0;
        foreach (var v in file.Vectors)
        {
            if (!schedules.TryGetValue(v.Expression, out var schedule))
            {
                schedule = OpeningHoursSchedule.Parse(v.Expression);
                schedules[v.Expression] = schedule;
            }

            var instant = DateTimeOffset.Parse(v.Instant, CultureInfo.InvariantCulture);
            var state = schedule.GetState(instant);
            // The reference looks strictly before instant + lookAheadDays; ours is inclusive of its limit.
            var limit = instant.AddDays(file.LookAheadDays).AddTicks(-1);
            var next = schedule.GetNextChange(instant, limit);
            var actualState = state.Status.ToString().ToLowerInvariant();
            var actualNext = next is null ? null : Format(next.Value);
            if (actualState == v.State && state.Comment == v.Comment && actualNext == v.Next)
            {
                continue;
            }

            var key = $"{v.Expression} @ {v.Instant}";
            if (AllowedDifferences.ContainsKey(key))
            {
                allowed++;
                continue;
            }

            differences.Add($"{key}: expected {v.State} \"{v.Comment}\" next {v.Next ?? "none"}; got {actualState} \"{state.Comment}\" next {actualNext ?? "none"}");
        }

        var agreements = file.Vectors.Count - differences.Count - allowed;
        var rate = 100.0 * agreements / file.Vectors.Count;
        output.WriteLine($"Reference agreement: {agreements}/{file.Vectors.Count} pairs ({rate:F2} %), {allowed} allowed differences, {differences.Count} unexpected.");
        foreach (var d in differences.Take(60))
        {
            output.WriteLine(d);
        }

        differences.ShouldBeEmpty($"{differences.Count} differences, first: {string.Join(Environment.NewLine, differences.Take(10))}");
    }
}
