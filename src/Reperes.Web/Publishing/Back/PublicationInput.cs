using System.ComponentModel.DataAnnotations;
using Reperes.Web.Core.Publications;

namespace Reperes.Web.Publishing.Back;

/// <summary>A publication as its author writes it: plain fields, dates and times as one reads them in Brest.</summary>
public sealed class PublicationInput
{
    public PublicationKind Kind { get; set; } = PublicationKind.Article;

    /// <summary>The structure it is published for, by slug; empty for the whole network.</summary>
    [StringLength(200)]
    public string? Structure { get; set; }

    [Required(ErrorMessage = "Indiquez un titre.")]
    [StringLength(200, ErrorMessage = "Le titre est trop long : 200 caractères au plus.")]
    public string Title { get; set; } = "";

    [StringLength(400, ErrorMessage = "Le chapeau est trop long : 400 caractères au plus.")]
    public string? Summary { get; set; }

    [Required(ErrorMessage = "Écrivez le texte.")]
    [StringLength(20_000, ErrorMessage = "Le texte est trop long : 20 000 caractères au plus.")]
    public string Body { get; set; } = "";

    public DateOnly? StartDate { get; set; }
    public TimeOnly? StartTime { get; set; }
    public DateOnly? EndDate { get; set; }
    public TimeOnly? EndTime { get; set; }

    [StringLength(300, ErrorMessage = "Le lieu est trop long : 300 caractères au plus.")]
    public string? Place { get; set; }

    [StringLength(300, ErrorMessage = "Le public est trop long : 300 caractères au plus.")]
    public string? Audience { get; set; }

    [StringLength(1000, ErrorMessage = "Les modalités d’inscription sont trop longues : 1 000 caractères au plus.")]
    public string? Registration { get; set; }

    [Range(1, 100_000, ErrorMessage = "Le nombre de places doit être compris entre 1 et 100 000.")]
    public int? Capacity { get; set; }

    /// <summary>News: the last day it is shown.</summary>
    public DateOnly? ExpiresOn { get; set; }

    /// <summary>Scheduled publication: shown from this day and time.</summary>
    public DateOnly? PublishOn { get; set; }
    public TimeOnly? PublishTime { get; set; }

    public List<string> Needs { get; set; } = [];
}
