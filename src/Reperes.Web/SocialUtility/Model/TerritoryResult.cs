namespace Reperes.Web.SocialUtility.Model;

/// <summary>
/// The territory's aggregated results for one year, as computed on a day and kept (each year's figures stay as they
/// were computed), published on the public page once the coordinator decides.
/// </summary>
public sealed class TerritoryResult
{
    private TerritoryResult() { }

    public TerritoryResult(int year, string content, DateTimeOffset at)
    {
        Year = year;
        Content = content;
        ComputedAt = at;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }

    /// <summary>The aggregated figures as JSON (suppressed cells already left out).</summary>
    public string Content { get; private set; } = "";
    public DateTimeOffset ComputedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    /// <summary>Computed again (figures corrected meanwhile); a published result stays as it was published.</summary>
    public void Recompute(string content, DateTimeOffset at)
    {
        if (IsPublished)
        {
            throw new InvalidOperationException("A published result is kept as published; withdraw it first.");
        }

        Content = content;
        ComputedAt = at;
    }

    public void Publish(DateTimeOffset at)
    {
        if (IsPublished)
        {
            throw new InvalidOperationException("This result is already published.");
        }

        PublishedAt = at;
    }

    public void Withdraw()
    {
        if (!IsPublished)
        {
            throw new InvalidOperationException("This result is not published.");
        }

        PublishedAt = null;
    }
}
