using System.ComponentModel.DataAnnotations;
using Reperes.Web.Core.Accounts;

namespace Reperes.Web.Orientation.Professionals;

/// <summary>What a professional says of their work: the same fields when registering and when asking from Mon espace.</summary>
public class WorkInput
{
    [Required(ErrorMessage = "Indiquez l’organisme pour lequel vous travaillez.")]
    [StringLength(ProfessionalProfile.TextMaxLength, ErrorMessage = "Le nom de l’organisme est trop long : 200 caractères au plus.")]
    public string Workplace { get; set; } = "";

    [Required(ErrorMessage = "Choisissez le type d’organisme.")]
    public string Kind { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre fonction (assistante sociale, bénévole à l’accueil…).")]
    [StringLength(ProfessionalProfile.TextMaxLength, ErrorMessage = "La fonction est trop longue : 200 caractères au plus.")]
    public string JobTitle { get; set; } = "";

    public PartnerBodyKind? ParsedKind =>
        Enum.TryParse<PartnerBodyKind>(Kind, out var kind) && Enum.IsDefined(kind) && !int.TryParse(Kind, out _) ? kind : null;

    /// <summary>The kinds in the order the form lists them.</summary>
    public static IReadOnlyList<PartnerBodyKind> Kinds { get; } = Enum.GetValues<PartnerBodyKind>();

    public static string KindLabel(PartnerBodyKind kind) => kind switch
    {
        PartnerBodyKind.SocialServices => "Service social (département, CCAS, CAF…)",
        PartnerBodyKind.Association => "Association",
        PartnerBodyKind.Health => "Santé (hôpital, équipe mobile, PASS…)",
        PartnerBodyKind.Employment => "Emploi et insertion",
        PartnerBodyKind.CityServices => "Services de la ville",
        PartnerBodyKind.Other => "Autre",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>A new account and what the person says of their work.</summary>
public sealed class RegistrationInput : WorkInput
{
    [Required(ErrorMessage = "Indiquez votre nom tel que vos collègues le connaissent.")]
    [StringLength(120, ErrorMessage = "Le nom est trop long : 120 caractères au plus.")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Indiquez votre adresse électronique.")]
    [EmailAddress(ErrorMessage = "Cette adresse électronique n’est pas valide.")]
    [StringLength(254, ErrorMessage = "L’adresse électronique est trop longue.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choisissez un mot de passe.")]
    [StringLength(200, MinimumLength = 10, ErrorMessage = "Le mot de passe doit compter au moins 10 caractères.")]
    public string Password { get; set; } = "";

    /// <summary>"oui": the person declares they work or volunteer for the body named.</summary>
    public string? Declaration { get; set; }
}
