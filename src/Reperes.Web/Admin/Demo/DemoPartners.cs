using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Admin.Demo;

/// <summary>
/// What the demo shows professionals: partner bodies, professional accounts (two colleagues of one body, one of
/// another, one awaiting validation), direct contacts and notes for partners, services that take referrals.
/// </summary>
public static class DemoPartners
{
    public const string SocialServicesBody = "CDAS de Brest Rive droite";
    public const string MobileTeamBody = "Équipe mobile santé précarité";

    /// <summary>Partner bodies with the e-mail domains that validate their staff's accounts at once.</summary>
    public static readonly IReadOnlyList<(string Name, PartnerBodyKind Kind, string[] Domains)> Bodies =
    [
        (SocialServicesBody, PartnerBodyKind.SocialServices, ["cdas.demo.reperes.example"]),
        (MobileTeamBody, PartnerBodyKind.Health, []),
    ];

    /// <summary>Professional accounts (password <see cref="DemoAccounts.Password"/>); a null body is a registration awaiting validation.</summary>
    public static readonly IReadOnlyList<(string Email, string Name, string Workplace, PartnerBodyKind Kind, string JobTitle, string? Body)> Professionals =
    [
        ("assistante.sociale@cdas.demo.reperes.example", "Gwenaëlle (CDAS)", SocialServicesBody, PartnerBodyKind.SocialServices, "Assistante sociale", SocialServicesBody),
        ("educateur@cdas.demo.reperes.example", "Erwan (CDAS)", SocialServicesBody, PartnerBodyKind.SocialServices, "Éducateur spécialisé", SocialServicesBody),
        ("infirmier@equipe-mobile.demo.reperes.example", "Tanguy (équipe mobile)", MobileTeamBody, PartnerBodyKind.Health, "Infirmier", MobileTeamBody),
        ("benevole@association.demo.reperes.example", "Anne (bénévole)", "Association Solidarité Recouvrance", PartnerBodyKind.Association, "Bénévole à l’accueil", null),
    ];

    /// <summary>Sets the professional-only information of the demo sheets that have some.</summary>
    public static void Apply(Structure structure)
    {
        switch (structure.Slug)
        {
            case "halte-accueil-ozanam":
                structure.SetPartnerInformation(
                    "Yann Le Gall, responsable — ligne directe 02 98 00 11 22 (9 h – 12 h)",
                    "Pour une personne qui arrive avec des bagages : prévenir la veille, la bagagerie a 30 casiers. Chiens acceptés dans la cour.");
                Accept(structure, "Bagagerie", "Personnes sans domicile suivies par un travailleur social.", "Aucune pièce obligatoire.", [ReferralFields.Housing, ReferralFields.Availability, ReferralFields.ContactWay]);
                break;
            case "restos-du-coeur-brest":
                structure.SetPartnerInformation(
                    "Soizic, responsable des inscriptions — 02 98 00 33 44",
                    "Inscriptions hors campagne possibles sur orientation d’un travailleur social.");
                Accept(structure, "Distribution alimentaire", "Ressources sous le barème national des Restos, ou situation d’urgence.", "Justificatif de ressources et de charges si la personne en a.", [ReferralFields.Household, ReferralFields.Resources, ReferralFields.Availability, ReferralFields.ContactWay]);
                break;
            case "epicerie-solidaire-pontanezen":
                structure.SetPartnerInformation("Accueil de l’épicerie, pour les partenaires — 02 98 00 55 66", null);
                Accept(structure, "Épicerie solidaire", "Habitants de Brest, reste-à-vivre sous 8 € par jour et par personne, projet défini avec le travailleur social.", "Évaluation budgétaire du travailleur social.", [ReferralFields.Household, ReferralFields.Resources, ReferralFields.OpenRights, ReferralFields.ContactWay]);
                break;
            case "ccas-brest":
                structure.SetPartnerInformation("Pôle accès aux droits, pour les partenaires — 02 98 00 77 88", "Domiciliation : la demande se fait sur place, sans rendez-vous, le matin.");
                Accept(structure, "Prévention des expulsions", "Ménages brestois menacés d’expulsion locative.", "Courrier du bailleur ou de l’huissier.", [ReferralFields.Household, ReferralFields.Housing, ReferralFields.Resources, ReferralFields.Availability, ReferralFields.ContactWay]);
                break;
        }
    }

    private static void Accept(Structure structure, string serviceName, string conditions, string documents, string[] fields)
    {
        var service = structure.Services.Single(s => s.Name == serviceName);
        service.SetReferrals(true, conditions, documents, fields);
    }
}
