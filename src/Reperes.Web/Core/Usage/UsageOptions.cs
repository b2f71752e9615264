namespace Reperes.Web.Core.Usage;

/// <summary>The "Reperes:Usage" configuration section: the anonymous counting of what people do.</summary>
public sealed class UsageOptions
{
    public const string Section = "Reperes:Usage";

    /// <summary>Counting on (the default) or off.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Months the raw events are kept before being folded into monthly totals and deleted.</summary>
    public int RetentionMonths { get; set; } = 13;

    /// <summary>A search "found next to nothing" at this many results or fewer (its words are then kept).</summary>
    public int FewResults { get; set; } = 2;

    /// <summary>In the open-data aggregates, a cell counting fewer than this is not published (left empty).</summary>
    public int OpenDataThreshold { get; set; } = 10;

    /// <summary>How often the counted events are written to the database, in seconds.</summary>
    public int FlushSeconds { get; set; } = 2;
}
