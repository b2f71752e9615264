namespace Reperes.Web.Core.Usage;

/// <summary>
/// One counted action (<c>usage_events</c>), kept <see cref="UsageOptions.RetentionMonths"/> months then folded into
/// <see cref="UsageMonth"/>. Its time is the local day and the hour of the week, nothing finer.
/// </summary>
public sealed class UsageEvent
{
    /// <summary>Result counts are kept up to this number (it means "this many or more").</summary>
    public const int ManyResults = 10;

    private UsageEvent() { }

    public UsageEvent(UsageFact fact, DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, Hours.HoursEvaluator.Zone);
        Kind = fact.Kind;
        Day = DateOnly.FromDateTime(local.DateTime);
        Month = new DateOnly(local.Year, local.Month, 1);
        HourOfWeek = (short)(((((int)local.DayOfWeek) + 6) % 7 * 24) + local.Hour);
        NeedCode = Clip(fact.NeedCode, 60);
        CategoryCode = Clip(fact.CategoryCode, 60);
        Commune = Clip(fact.Commune, 10);
        StructureId = fact.StructureId ?? 0;
        Detail = Clip(fact.Detail, 40);
        Words = Clip(fact.Words, 80);
        Results = (short)(fact.Results is { } results ? Math.Clamp(results, 0, ManyResults) : -1);
    }

    public long Id { get; private set; }
    public UsageKind Kind { get; private set; }

    /// <summary>The local day (Europe/Paris).</summary>
    public DateOnly Day { get; private set; }

    /// <summary>The first day of the local month, the key the monthly aggregates keep.</summary>
    public DateOnly Month { get; private set; }

    /// <summary>0 = Monday 0:00–0:59 … 167 = Sunday 23:00–23:59, local time.</summary>
    public short HourOfWeek { get; private set; }

    public string NeedCode { get; private set; } = "";
    public string CategoryCode { get; private set; } = "";
    public string Commune { get; private set; } = "";

    /// <summary>0 when no structure is concerned.</summary>
    public int StructureId { get; private set; }

    public string Detail { get; private set; } = "";
    public string Words { get; private set; } = "";

    /// <summary>-1 when not a search; else the results found, up to <see cref="ManyResults"/>.</summary>
    public short Results { get; private set; }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>
/// Counted actions of a month once their raw events have passed the retention period (<c>usage_months</c>): the
/// same facts without the day and the hour.
/// </summary>
public sealed class UsageMonth
{
    private UsageMonth() { }

    public DateOnly Month { get; private set; }
    public UsageKind Kind { get; private set; }
    public string NeedCode { get; private set; } = "";
    public string CategoryCode { get; private set; } = "";
    public string Commune { get; private set; } = "";
    public int StructureId { get; private set; }
    public string Detail { get; private set; } = "";
    public string Words { get; private set; } = "";
    public short Results { get; private set; }
    public int Total { get; private set; }
}
