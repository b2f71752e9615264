namespace Reperes.Web.Orientation;

/// <summary>The "Reperes:Orientation" settings (environment variables Reperes__Orientation__…).</summary>
public sealed class OrientationOptions
{
    public const string Section = "Reperes:Orientation";

    /// <summary>Days a shared slip's link stays open.</summary>
    public int SlipDays { get; set; } = 90;

    /// <summary>Slips sent by e-mail an hour from one client address (the form mails any address typed).</summary>
    public int MailsPerHour { get; set; } = 10;

    public TimeSpan SlipLifetime => TimeSpan.FromDays(Math.Clamp(SlipDays, 1, 3650));
}
