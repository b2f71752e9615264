namespace Reperes.Web.Shared.Hours;

/// <summary>One day of the grid: up to three slots, times as "HH:mm" (what &lt;input type=time&gt; sends).</summary>
public sealed class DayInput
{
    public const int Slots = 3;

    public string?[] Starts { get; set; } = new string?[Slots];

    public string?[] Ends { get; set; } = new string?[Slots];
}

/// <summary>The weekly grid as a form: nothing of the OpenStreetMap syntax to know.</summary>
public sealed class GridInput
{
    /// <summary>The days of the grid, in the order of a French week.</summary>
    public static readonly DayOfWeek[] Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public DayInput[] Days { get; set; } = Enumerable.Range(0, 7).Select(_ => new DayInput()).ToArray();

    public bool ClosedOnPublicHolidays { get; set; } = true;

    public bool ByAppointmentOnly { get; set; }

    public string? Note { get; set; }

    /// <summary>Model binding builds only the days and slots that were posted: pad to a full week.</summary>
    public void Normalize()
    {
        Days = Enumerable.Range(0, 7).Select(d => d < Days.Length && Days[d] is { } day ? day : new DayInput()).ToArray();
        foreach (var day in Days)
        {
            day.Starts = Enumerable.Range(0, DayInput.Slots).Select(s => day.Starts.ElementAtOrDefault(s)).ToArray();
            day.Ends = Enumerable.Range(0, DayInput.Slots).Select(s => day.Ends.ElementAtOrDefault(s)).ToArray();
        }
    }
}
