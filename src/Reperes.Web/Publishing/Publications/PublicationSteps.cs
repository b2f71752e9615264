namespace Reperes.Web.Publishing.Publications;

/// <summary>The steps as the back office's addresses say them ("?etat=publie"), read by its pages to say what was done.</summary>
public static class PublicationSteps
{
    public static string Word(PublicationStep step) => step switch
    {
        PublicationStep.Saved => "enregistre",
        PublicationStep.Proposed => "propose",
        PublicationStep.Published => "publie",
        PublicationStep.Scheduled => "programme",
        PublicationStep.Refused => "refuse",
        PublicationStep.Unpublished => "depublie",
        PublicationStep.Trashed => "corbeille",
        PublicationStep.Restored => "restaure",
        PublicationStep.Featured => "une",
        PublicationStep.Unfeatured => "plus-une",
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, null),
    };
}
