namespace Reperes.Web.SocialUtility.Model;

/// <summary>How far a testimony may travel, as the person agreed.</summary>
public enum TestimonyConsent
{
    /// <summary>Read by the structure's team and the coordinator only.</summary>
    Internal = 0,

    /// <summary>May also be counted and quoted in the network's results (other structures, the coordination).</summary>
    Network = 1,

    /// <summary>May be quoted in public results too.</summary>
    Public = 2,
}

/// <summary>Whether an excerpt shows the criterion met or not.</summary>
public enum CodingPolarity
{
    Positive = 0,
    Negative = 1,
}

/// <summary>
/// What a person said about what the action changed for them, in writing or recorded, under a pseudonym, with the
/// scope of their consent and the date it is erased.
/// </summary>
public sealed class Testimony
{
    private readonly List<TestimonyCoding> codings = [];

    private Testimony() { }

    public Testimony(int structureId, int actionId, int periodId, string pseudonym, string? text, TestimonyConsent consent, DateOnly retainUntil,
        DateOnly collectedOn, string collectedBy, string recordedById, DateTimeOffset at)
    {
        StructureId = structureId;
        ActionId = actionId;
        PeriodId = periodId;
        Pseudonym = pseudonym.Trim();
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        Consent = consent;
        RetainUntil = retainUntil;
        CollectedOn = collectedOn;
        CollectedBy = collectedBy.Trim();
        RecordedById = recordedById;
        RecordedAt = at;
    }

    public int Id { get; private set; }
    public int StructureId { get; private set; }
    public int ActionId { get; private set; }
    public int PeriodId { get; private set; }

    /// <summary>A first name or pseudonym chosen with the person; never their full name.</summary>
    public string Pseudonym { get; private set; } = "";
    public string? Text { get; private set; }

    /// <summary>The stored recording's file name (under the structure's files), when the testimony was recorded.</summary>
    public string? RecordingName { get; private set; }
    public string? RecordingType { get; private set; }
    public TestimonyConsent Consent { get; private set; }

    /// <summary>The last day it is kept; the retention job erases it (and its recording) after.</summary>
    public DateOnly RetainUntil { get; private set; }
    public DateOnly CollectedOn { get; private set; }
    public string CollectedBy { get; private set; } = "";
    public string RecordedById { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
    public IReadOnlyList<TestimonyCoding> Codings => codings;

    public void AttachRecording(string storedName, string contentType)
    {
        RecordingName = storedName;
        RecordingType = contentType;
    }

    /// <summary>The person changed their mind: the scope can only shrink or grow by their word, recorded here.</summary>
    public void ChangeConsent(TestimonyConsent consent) => Consent = consent;

    public TestimonyCoding Code(int criterionId, CodingPolarity polarity, string? excerpt)
    {
        var coding = new TestimonyCoding(criterionId, polarity, excerpt);
        codings.Add(coding);
        return coding;
    }

    public void Uncode(TestimonyCoding coding) => codings.Remove(coding);

    /// <summary>Whether it may be counted in the network's aggregates.</summary>
    public static bool CountsInNetwork(TestimonyConsent consent) => consent switch
    {
        TestimonyConsent.Network or TestimonyConsent.Public => true,
        TestimonyConsent.Internal => false,
        _ => throw new ArgumentOutOfRangeException(nameof(consent), consent, null),
    };
}

/// <summary>A testimony read against a criterion: does it show the criterion met, and which words show it.</summary>
public sealed class TestimonyCoding
{
    private TestimonyCoding() { }

    internal TestimonyCoding(int criterionId, CodingPolarity polarity, string? excerpt)
    {
        CriterionId = criterionId;
        Polarity = polarity;
        Excerpt = string.IsNullOrWhiteSpace(excerpt) ? null : excerpt.Trim();
    }

    public int Id { get; private set; }
    public int TestimonyId { get; private set; }
    public int CriterionId { get; private set; }
    public CodingPolarity Polarity { get; private set; }
    public string? Excerpt { get; private set; }
}
