namespace Reperes.Web.Core.Translations;

/// <summary>What a translated text belongs to.</summary>
public enum TranslationSubject
{
    Structure = 0,
    Service = 1,
    Notice = 2,
    Publication = 3,
}

/// <summary>
/// Where a translation stands: nothing written yet (no row), a draft (by a person or a machine), reviewed by a person.
/// Outdated is apart (<see cref="ContentTranslation.OutdatedSince"/>): the French text changed after it was written.
/// </summary>
public enum TranslationStatus
{
    ToTranslate = 0,
    Draft = 1,
    Reviewed = 2,
}

/// <summary>
/// One free text of a sheet, a service, a notice or a publication in one language other than French, with its status,
/// who wrote it and the French it was made from (<see cref="SourceHash"/>): when the French changes, the translation is
/// marked outdated and still shown, with a notice.
/// </summary>
public sealed class ContentTranslation
{
    public const int MaxTextLength = 20_000;

    private ContentTranslation() { }

    private ContentTranslation(int? structureId, TranslationSubject subject, int subjectId, string field, string language)
    {
        StructureId = structureId;
        Subject = subject;
        SubjectId = subjectId;
        Field = field;
        Language = language;
    }

    public int Id { get; private set; }

    /// <summary>The structure whose staff may translate it; null for the network's own publications.</summary>
    public int? StructureId { get; private set; }

    public TranslationSubject Subject { get; private set; }
    public int SubjectId { get; private set; }

    /// <summary>Which text of the subject (<see cref="TranslatableFields"/>).</summary>
    public string Field { get; private set; } = "";

    /// <summary>The two-letter code of the language (never "fr").</summary>
    public string Language { get; private set; } = "";

    public string Text { get; private set; } = "";
    public TranslationStatus Status { get; private set; }

    /// <summary>Written by a machine and not yet reviewed by a person: labelled as such where it shows.</summary>
    public bool IsMachine { get; private set; }

    /// <summary>SHA-256 of the French text the translation follows.</summary>
    public string SourceHash { get; private set; } = "";

    /// <summary>When the French text was seen changed after the translation was written; null while it follows.</summary>
    public DateTimeOffset? OutdatedSince { get; private set; }

    /// <summary>Who wrote the text (a person's account; null for a machine draft, named by <see cref="AuthorName"/>).</summary>
    public string? AuthorId { get; private set; }

    public string AuthorName { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
    public string? ReviewerId { get; private set; }
    public string? ReviewerName { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }

    public bool IsOutdated => OutdatedSince is not null;

    /// <summary>A person's draft of a text not yet translated.</summary>
    public static ContentTranslation Draft(TranslatableText source, string language, string text, string authorId, string authorName, DateTimeOffset at)
    {
        var translation = new ContentTranslation(source.StructureId, source.Subject, source.SubjectId, source.Field, Check(language));
        translation.Write(text, source.Hash, authorId, authorName, at);
        return translation;
    }

    /// <summary>A machine's draft of a text not yet translated, labelled as a machine's until a person reviews it.</summary>
    public static ContentTranslation MachineDraft(TranslatableText source, string language, string text, string machineName, DateTimeOffset at)
    {
        var translation = new ContentTranslation(source.StructureId, source.Subject, source.SubjectId, source.Field, Check(language));
        translation.WriteByMachine(text, source.Hash, machineName, at);
        return translation;
    }

    /// <summary>A person writes the text: a draft again (a reviewed text changed must be reviewed again), following the current French.</summary>
    public void Write(string text, string sourceHash, string authorId, string authorName, DateTimeOffset at) =>
        Draft(text, sourceHash, machine: false, authorId, authorName, at);

    /// <summary>A machine draft replaces a draft or an outdated text, never a person's reviewed and current one.</summary>
    public void WriteByMachine(string text, string sourceHash, string machineName, DateTimeOffset at)
    {
        if (Status == TranslationStatus.Reviewed && !IsOutdated)
        {
            throw new InvalidOperationException("A reviewed translation that follows the French is not replaced by a machine draft.");
        }

        Draft(text, sourceHash, machine: true, authorId: null, machineName, at);
    }

    /// <summary>A new draft, by a person or a machine, following the current French and reviewed by nobody yet.</summary>
    private void Draft(string text, string sourceHash, bool machine, string? authorId, string authorName, DateTimeOffset at)
    {
        Text = CheckText(text);
        Status = TranslationStatus.Draft;
        IsMachine = machine;
        SourceHash = sourceHash;
        OutdatedSince = null;
        AuthorId = authorId;
        AuthorName = Name(authorName);
        UpdatedAt = at;
        ReviewerId = null;
        ReviewerName = null;
        ReviewedAt = null;
    }

    /// <summary>A person checked the text against the current French: reviewed, no longer a machine's, no longer outdated.</summary>
    public void Review(string sourceHash, string reviewerId, string reviewerName, DateTimeOffset at)
    {
        Status = Status switch
        {
            TranslationStatus.Draft or TranslationStatus.Reviewed => TranslationStatus.Reviewed,
            TranslationStatus.ToTranslate => throw new InvalidOperationException("Nothing to review: the text is not translated."),
            _ => throw new InvalidOperationException($"Unknown status {Status}."),
        };
        IsMachine = false;
        SourceHash = sourceHash;
        OutdatedSince = null;
        ReviewerId = reviewerId;
        ReviewerName = Name(reviewerName);
        ReviewedAt = at;
    }

    /// <summary>
    /// Follows the French text as it is now: outdated from <paramref name="at"/> when it changed since the translation
    /// was written, current again when it came back to the same words. True when the mark changed.
    /// </summary>
    public bool Follow(string currentHash, DateTimeOffset at)
    {
        if (currentHash == SourceHash)
        {
            if (OutdatedSince is null)
            {
                return false;
            }

            OutdatedSince = null;
            return true;
        }

        if (OutdatedSince is not null)
        {
            return false;
        }

        OutdatedSince = at;
        return true;
    }

    private static string Check(string language) =>
        language.Length is >= 2 and <= 10 && language != "fr" ? language : throw new ArgumentException("A translation is in a language other than French.", nameof(language));

    private static string CheckText(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length is > 0 and <= MaxTextLength ? trimmed : throw new ArgumentException("A translation has a text of 1 to 20,000 characters.", nameof(text));
    }

    private static string Name(string name) => name.Length > 120 ? name[..120] : name;
}
