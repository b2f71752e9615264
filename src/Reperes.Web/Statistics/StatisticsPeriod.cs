using System.Globalization;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Statistics;

/// <summary>
/// The months a statistic covers: the last twelve months (this month and the eleven before) or a calendar year.
/// Whole months, so that a figure reads the same from the raw events and from the monthly totals they are folded into.
/// </summary>
public sealed record StatisticsPeriod(int? Year, DateOnly FromMonth, DateOnly ToMonth, DateOnly Today)
{
    /// <summary>The first day counted.</summary>
    public DateOnly FirstDay => FromMonth;

    /// <summary>The last day counted: the end of the last month, or today when it is this month.</summary>
    public DateOnly LastDay => ToMonth.AddMonths(1).AddDays(-1) is var end && end > Today ? Today : end;

    /// <summary>The months of the period, oldest first.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var months = new List<DateOnly>();
            for (var month = FromMonth; month <= ToMonth; month = month.AddMonths(1))
            {
                months.Add(month);
            }

            return months;
        }
    }

    /// <summary>The query string that asks for this period again ("" for the default, the last twelve months).</summary>
    public string Query => Year is { } year ? "annee=" + year.ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>The last twelve months up to <paramref name="now"/>.</summary>
    public static StatisticsPeriod LastTwelveMonths(DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        return new StatisticsPeriod(null, thisMonth.AddMonths(-11), thisMonth, today);
    }

    /// <summary>A calendar year, or null when <paramref name="year"/> is outside what can hold data (before 2000, after this year).</summary>
    public static StatisticsPeriod? OfYear(int year, DateTimeOffset now)
    {
        var today = HoursEvaluator.LocalDate(now);
        return year < 2000 || year > today.Year ? null : new StatisticsPeriod(year, new DateOnly(year, 1, 1), new DateOnly(year, 12, 1), today);
    }

    /// <summary>The period the query asks for: <c>annee=2026</c>, or nothing for the last twelve months; null when the year is not one.</summary>
    public static StatisticsPeriod? Parse(string? year, DateTimeOffset now) =>
        string.IsNullOrWhiteSpace(year) ? LastTwelveMonths(now)
        : int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? OfYear(value, now)
        : null;
}
