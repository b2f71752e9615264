namespace Reperes.Web.SocialUtility.Model;

/// <summary>A team's self-assessment for a period: each criterion rated from 1 (not at all) to 4 (fully), with comments.</summary>
public sealed class SelfAssessment
{
    public const int LowestRating = 1;
    public const int HighestRating = 4;

    private readonly List<SelfAssessmentRating> ratings = [];

    private SelfAssessment() { }

    public SelfAssessment(int periodId, DateOnly heldOn, string? participants, string recordedById, DateTimeOffset at)
    {
        PeriodId = periodId;
        HeldOn = heldOn;
        Participants = string.IsNullOrWhiteSpace(participants) ? null : participants.Trim();
        RecordedById = recordedById;
        RecordedAt = at;
    }

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public DateOnly HeldOn { get; private set; }

    /// <summary>Who took part (first names, roles), as the team writes it.</summary>
    public string? Participants { get; private set; }
    public string RecordedById { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public IReadOnlyList<SelfAssessmentRating> Ratings => ratings;

    /// <summary>Rates a criterion (again: the latest rating of a session stands).</summary>
    public void Rate(int criterionId, int rating, string? comment)
    {
        if (rating is < LowestRating or > HighestRating)
        {
            throw new ArgumentOutOfRangeException(nameof(rating), "A rating goes from 1 to 4.");
        }

        ratings.RemoveAll(r => r.CriterionId == criterionId);
        ratings.Add(new SelfAssessmentRating(criterionId, rating, comment));
    }
}

public sealed class SelfAssessmentRating
{
    private SelfAssessmentRating() { }

    internal SelfAssessmentRating(int criterionId, int rating, string? comment)
    {
        CriterionId = criterionId;
        Rating = rating;
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
    }

    public int Id { get; private set; }
    public int SelfAssessmentId { get; private set; }
    public int CriterionId { get; private set; }
    public int Rating { get; private set; }
    public string? Comment { get; private set; }
}
