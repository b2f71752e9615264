namespace Reperes.Web.Statistics;

/// <summary>A table as a page lays it out: its caption, and the period its CSV link asks for again (none on paper).</summary>
public sealed record StatisticsTableView(StatisticsTable Table, string Caption, string PeriodQuery, bool Csv = true);
