using System.Globalization;

namespace Reperes.Web.SocialUtility.Model;

/// <summary>
/// One observation of an indicator for a period of an action: a count, a percentage of a sample, the answers to a
/// scale (how many chose each point), yes or no, or a written note; with who collected it and when.
/// </summary>
public sealed class Observation
{
    private Observation() { }

    private Observation(int periodId, int indicatorId, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        PeriodId = periodId;
        IndicatorId = indicatorId;
        CollectedOn = collectedOn;
        CollectedBy = collectedBy.Trim();
        RecordedById = recordedById;
        RecordedAt = at;
    }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public int IndicatorId { get; private set; }

    /// <summary>The count, the percentage (0–100), the scale's mean (1…n), or 1/0 for yes/no.</summary>
    public decimal? Value { get; private set; }

    /// <summary>How many people the figure is about (the sample of a percentage, the answers of a scale).</summary>
    public int? SampleSize { get; private set; }

    /// <summary>For a scale: how many answers each point got, from the lowest, comma-separated ("0,2,5,3").</summary>
    public string? ScaleCounts { get; private set; }

    /// <summary>A written observation, or a note beside a figure.</summary>
    public string? Text { get; private set; }
    public DateOnly CollectedOn { get; private set; }
    public string CollectedBy { get; private set; } = "";
    public string RecordedById { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyList<int> ScaleAnswers => ParseScale(ScaleCounts);

    /// <summary>The answers per point of stored <see cref="ScaleCounts"/> (none for a figure that is not a scale).</summary>
    public static IReadOnlyList<int> ParseScale(string? counts) =>
        counts is null ? [] : counts.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();

    public static Observation Count(int periodId, int indicatorId, int count, string? note, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return new(periodId, indicatorId, collectedOn, collectedBy, recordedById, at) { Value = count, Text = Clean(note) };
    }

    public static Observation Percentage(int periodId, int indicatorId, decimal percentage, int sampleSize, string? note, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        if (percentage is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), "A percentage lies between 0 and 100.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleSize);
        return new(periodId, indicatorId, collectedOn, collectedBy, recordedById, at) { Value = percentage, SampleSize = sampleSize, Text = Clean(note) };
    }

    /// <summary>Answers to a scale: how many people chose each point, from the lowest (point 1).</summary>
    public static Observation Scale(int periodId, int indicatorId, IReadOnlyList<int> answersPerPoint, string? note, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        if (answersPerPoint.Count < 2 || answersPerPoint.Any(a => a < 0) || answersPerPoint.Sum() == 0)
        {
            throw new ArgumentException("A scale has at least two points and one answer.", nameof(answersPerPoint));
        }

        var total = answersPerPoint.Sum();
        var mean = answersPerPoint.Select((count, i) => (decimal)count * (i + 1)).Sum() / total;
        return new(periodId, indicatorId, collectedOn, collectedBy, recordedById, at)
        {
            Value = Math.Round(mean, 4),
            SampleSize = total,
            ScaleCounts = string.Join(',', answersPerPoint.Select(a => a.ToString(CultureInfo.InvariantCulture))),
            Text = Clean(note),
        };
    }

    public static Observation YesNo(int periodId, int indicatorId, bool yes, string? note, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at) =>
        new(periodId, indicatorId, collectedOn, collectedBy, recordedById, at) { Value = yes ? 1 : 0, Text = Clean(note) };

    public static Observation Written(int periodId, int indicatorId, string text, DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return new(periodId, indicatorId, collectedOn, collectedBy, recordedById, at) { Text = text.Trim() };
    }

    private static string? Clean(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
