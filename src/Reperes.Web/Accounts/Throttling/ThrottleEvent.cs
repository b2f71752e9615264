namespace Reperes.Web.Accounts.Throttling;

/// <summary>What a throttle counts.</summary>
public enum ThrottleRule
{
    /// <summary>A wrong password (or an unknown address) for one e-mail address, from anywhere.</summary>
    LoginFailureForAccount,

    /// <summary>A wrong password (or an unknown address) from one client address, whatever the e-mail.</summary>
    LoginFailureFromClient,

    /// <summary>A password-reset message asked for one e-mail address (whether it has an account or not).</summary>
    ResetForAccount,

    /// <summary>A password-reset message asked from one client address.</summary>
    ResetFromClient,
}

/// <summary>
/// One counted attempt (<c>throttle_events</c>), kept in the database so that every instance of the site counts the
/// same attempts. The e-mail or client address is kept only as a hash, and for a day (<see cref="ThrottleSweeper"/>).
/// </summary>
public sealed class ThrottleEvent
{
    private ThrottleEvent() { }

    public ThrottleEvent(ThrottleRule rule, string keyHash, DateTimeOffset occurredAt)
    {
        Rule = rule;
        KeyHash = keyHash;
        OccurredAt = occurredAt;
    }

    public long Id { get; private set; }
    public ThrottleRule Rule { get; private set; }

    /// <summary>SHA-256 (hex) of the rule and the normalised e-mail or client address.</summary>
    public string KeyHash { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }
}
