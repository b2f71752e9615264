namespace Reperes.Web.Statistics;

/// <summary>One row of a statistics table: what it counts (a week, a commune, a place…) and its numbers, one per column.</summary>
/// <param name="Start">The first day of the row's week or month, when a row is one.</param>
/// <param name="Apart">A row kept apart from a ranking (the searches without a commune): in the table, not in the chart.</param>
public sealed record StatisticsRow(string Label, IReadOnlyList<int> Values, DateOnly? Start = null, bool Apart = false)
{
    public int Total => Values.Sum();
}

/// <summary>
/// The numbers of a chart as the page shows them in a table and the CSV gives them: the same object is drawn, laid
/// out and written, so that the three never differ.
/// </summary>
/// <param name="Code">Its name in the CSV's address (<c>?tableau=communes</c>) and file.</param>
/// <param name="RowHeader">The heading of the first column (what a row is).</param>
/// <param name="Columns">The headings of the numbers.</param>
public sealed record StatisticsTable(string Code, string RowHeader, IReadOnlyList<string> Columns, IReadOnlyList<StatisticsRow> Rows)
{
    public int Total => Rows.Sum(r => r.Total);

    /// <summary>The sum of one column.</summary>
    public int ColumnTotal(int column) => Rows.Sum(r => r.Values[column]);
}
