namespace Reperes.Web.Core.Publications;

/// <summary>French keys of the labels (translated by the localizer where they are shown).</summary>
public static class PublicationLabels
{
    public static string Kind(PublicationKind kind) => kind switch
    {
        PublicationKind.Article => "Article",
        PublicationKind.News => "Actualité",
        PublicationKind.Event => "Événement",
        PublicationKind.Project => "Projet",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string Status(PublicationStatus status, bool scheduled) => status switch
    {
        PublicationStatus.Draft => "Brouillon",
        PublicationStatus.Proposed => "Proposé, en attente de validation",
        PublicationStatus.Published => scheduled ? "Publication programmée" : "Publié",
        PublicationStatus.Refused => "Refusé",
        PublicationStatus.Trashed => "À la corbeille",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The kinds in the order they are offered, with the word used in addresses (?type=…).</summary>
    public static readonly IReadOnlyList<(PublicationKind Kind, string Code)> Codes =
    [
        (PublicationKind.Article, "article"),
        (PublicationKind.News, "actualite"),
        (PublicationKind.Event, "evenement"),
        (PublicationKind.Project, "projet"),
    ];

    public static PublicationKind? FromCode(string? code) =>
        Codes.Where(c => c.Code == code).Select(c => (PublicationKind?)c.Kind).FirstOrDefault();

    public static string Code(PublicationKind kind) => Codes.First(c => c.Kind == kind).Code;
}
