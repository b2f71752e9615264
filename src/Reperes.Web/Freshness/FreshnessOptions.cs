namespace Reperes.Web.Freshness;

/// <summary>The reminders' job (Reperes__Reminders__…).</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reperes:Reminders";

    /// <summary>Run the job inside the application (on by default; the tests turn it off, a cron can use send-reminders instead).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Minutes between two runs.</summary>
    public int IntervalMinutes { get; set; } = 60;
}
