
namespace Reperes.Web.Core.Structures;

/// <summary>How current a sheet's information is, as the public and the coordination see it.</summary>
public enum FreshnessState
{
    /// <summary>Verified (or updated) within its update frequency.</summary>
    Fresh,

    /// <summary>Past its due date by less than one frequency period: reminders are being sent.</summary>
    Due,

    /// <summary>Past its due date by more than one whole frequency period (e.g. a 6-month sheet untouched for 12 months).</summary>
    Overdue,

    /// <summary>The coordination marked it as unverified: the public sees an honest notice.</summary>
    Unverified,
}

/// <summary>The rules of fresh data: when a sheet is due for verification, and how late it is.</summary>
public static class FreshnessRules
{
    /// <summary>The update frequencies a structure or a service can have, in months.</summary>
    public static readonly IReadOnlyList<int> Frequencies = [1, 3, 6, 12];

    public const int DefaultFrequencyMonths = 6;

    public static bool IsFrequency(int months) => Frequencies.Contains(months);

    /// <summary>
    /// When the information should be verified again: the last verification plus the frequency, or, for a sheet never
    /// verified, its last update (or creation) plus the frequency.
    /// </summary>
    public static DateTimeOffset DueAt(DateTimeOffset? verifiedAt, DateTimeOffset updatedAt, DateTimeOffset createdAt, int months)
    {
        var basis = verifiedAt ?? (updatedAt > createdAt ? updatedAt : createdAt);
        return basis.AddMonths(months);
    }

    /// <summary>Whether the information is older than its frequency.</summary>
    public static bool IsStale(DateTimeOffset? verifiedAt, DateTimeOffset updatedAt, DateTimeOffset createdAt, int months, DateTimeOffset now) =>
        now >= DueAt(verifiedAt, updatedAt, createdAt, months);

    public static DateTimeOffset DueAt(Structure structure) =>
        DueAt(structure.VerifiedAt, structure.UpdatedAt, structure.CreatedAt, structure.UpdateFrequencyMonths);

    public static bool IsStale(Structure structure, DateTimeOffset now) =>
        IsStale(structure.VerifiedAt, structure.UpdatedAt, structure.CreatedAt, structure.UpdateFrequencyMonths, now);

    /// <summary>
    /// The state of a structure's sheet. Unverified (a decision of the coordination) wins; otherwise Overdue once more
    /// than one whole frequency period has passed since the due date, Due between the due date and then, Fresh before.
    /// </summary>
    public static FreshnessState StateOf(Structure structure, DateTimeOffset now) =>
        StateOf(structure.VerifiedAt, structure.UpdatedAt, structure.CreatedAt, structure.UpdateFrequencyMonths, structure.UnverifiedSince, now);

    public static FreshnessState StateOf(DateTimeOffset? verifiedAt, DateTimeOffset updatedAt, DateTimeOffset createdAt, int months, DateTimeOffset? unverifiedSince, DateTimeOffset now)
    {
        var due = DueAt(verifiedAt, updatedAt, createdAt, months);
        return StateOf(due, OverdueAt(due, months), unverifiedSince, now);
    }

    /// <summary>When a sheet due at <paramref name="dueAt"/> becomes overdue: one whole frequency period later.</summary>
    public static DateTimeOffset OverdueAt(DateTimeOffset dueAt, int months) => dueAt.AddMonths(months);

    /// <summary>The state from the sheet's due and overdue instants (computed once for many instants).</summary>
    public static FreshnessState StateOf(DateTimeOffset dueAt, DateTimeOffset overdueAt, DateTimeOffset? unverifiedSince, DateTimeOffset now) =>
        unverifiedSince is not null ? FreshnessState.Unverified
        : now < dueAt ? FreshnessState.Fresh
        : now >= overdueAt ? FreshnessState.Overdue
        : FreshnessState.Due;
}
