namespace Reperes.Web.Freshness;

/// <summary>
/// When reminders go out for a sheet that is due: the first on the due date, then after 7, 14, 28 days, then every
/// 56 days while nobody answers. An answer (a verification, or the sheet saved by its staff) moves the due date, which
/// ends the cycle.
/// </summary>
public static class ReminderSchedule
{
    /// <summary>Days between one reminder and the next, the last one repeating.</summary>
    public static readonly IReadOnlyList<int> IntervalDays = [7, 14, 28, 56];

    /// <summary>When the reminder of a step is due (step 0 on the due date).</summary>
    public static DateTimeOffset StepAt(DateTimeOffset dueAt, int step)
    {
        var at = dueAt;
        for (var i = 0; i < step; i++)
        {
            at = at.AddDays(IntervalDays[Math.Min(i, IntervalDays.Count - 1)]);
        }

        return at;
    }

    /// <summary>The latest step whose time has come at <paramref name="now"/>; null before the due date.</summary>
    public static int? CurrentStep(DateTimeOffset dueAt, DateTimeOffset now)
    {
        if (now < dueAt)
        {
            return null;
        }

        var step = 0;
        while (StepAt(dueAt, step + 1) <= now)
        {
            step++;
        }

        return step;
    }
}
