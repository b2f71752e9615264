namespace Reperes.Web.Orientation.Referrals;

/// <summary>The "Reperes:Orientation:Referrals" settings (environment variables Reperes__Orientation__Referrals__…).</summary>
public sealed class ReferralOptions
{
    public const string Section = "Reperes:Orientation:Referrals";

    /// <summary>Months the personal data of a closed request is kept before it is erased (only counts remain).</summary>
    public int RetentionMonths { get; set; } = 12;

    /// <summary>Whether the application runs reminders, expiries and erasures itself (else: the referrals-sweep command).</summary>
    public bool JobEnabled { get; set; } = true;

    /// <summary>Minutes between two runs of the job.</summary>
    public int IntervalMinutes { get; set; } = 60;

    public int Retention => Math.Clamp(RetentionMonths, 1, 120);
}
