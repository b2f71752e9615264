namespace Reperes.Web.Core.Structures;

/// <summary>One value of a digital-mediation list: a stable code (stored, in URLs), the value the national standard of
/// digital-mediation places writes (null when the standard has no such value), the French label (the key of every
/// translation) and the pictogram (a symbol id of wwwroot/img/pictos.svg).</summary>
public sealed record MediationValue(string Code, string? Standard, string LabelFr, string Pictogram);

/// <summary>
/// The fields of the national standard of digital-mediation places (LaMednum's "standard-mediation-num", its value
/// lists verbatim) that a service of the guide's digital categories carries, plus the equipment a place lends, which the
/// standard does not list but people ask first ("is there a printer?"). Lists are stored as codes separated by '|'.
/// </summary>
public static class DigitalMediation
{
    /// <summary>The guide's category of public internet access (PAPI).</summary>
    public const string InternetAccessCategory = "acces-internet";

    /// <summary>The guide's category of digital workshops and mediation.</summary>
    public const string WorkshopsCategory = "mediation-numerique";

    public static bool IsDigitalCategory(string? categoryCode) => categoryCode is InternetAccessCategory or WorkshopsCategory;

    /// <summary>The standard's "services": the kinds of help offered.</summary>
    public static readonly IReadOnlyList<MediationValue> Services =
    [
        new("acces-internet", "Accès internet et matériel informatique", "Accès à internet et à un ordinateur", "internet"),
        new("demarches", "Aide aux démarches administratives", "Aide aux démarches en ligne", "demarches"),
        new("outils-quotidien", "Maîtrise des outils numériques du quotidien", "Apprendre les bases : ordinateur, smartphone, courriel", "apprendre"),
        new("insertion-professionnelle", "Insertion professionnelle via le numérique", "Chercher un emploi avec le numérique", "emploi"),
        new("securite", "Utilisation sécurisée du numérique", "Se protéger en ligne", "securite"),
        new("parentalite", "Parentalité et éducation avec le numérique", "Parents et enfants face aux écrans", "parentalite"),
        new("loisirs-creations", "Loisirs et créations numériques", "Loisirs et créations numériques", "loisirs"),
        new("comprendre", "Compréhension du monde numérique", "Comprendre le monde numérique", "comprendre"),
        new("materiel-solidaire", "Acquisition de matériel informatique à prix solidaire", "Acheter un ordinateur à prix solidaire", "materiel"),
    ];

    /// <summary>The standard's "modalites_accompagnement": how people are helped.</summary>
    public static readonly IReadOnlyList<MediationValue> Support =
    [
        new("autonomie", "En autonomie", "Seul, avec du matériel à disposition", "autonomie"),
        new("individuel", "Accompagnement individuel", "Aide individuelle", "individuel"),
        new("atelier", "Dans un atelier collectif", "Atelier en groupe", "atelier"),
        new("distance", "À distance", "À distance (téléphone, visio)", "distance"),
    ];

    /// <summary>The standard's "publics_specifiquement_adresses" (a place welcomes everyone by default).</summary>
    public static readonly IReadOnlyList<MediationValue> Publics =
    [
        new("jeunes", "Jeunes", "Jeunes", "jeunes"),
        new("etudiants", "Étudiants", "Étudiants", "etudiants"),
        new("familles", "Familles et/ou enfants", "Familles et enfants", "familles"),
        new("seniors", "Seniors", "Seniors", "seniors"),
        new("femmes", "Femmes", "Femmes", "femmes"),
    ];

    /// <summary>The standard's "prise_en_charge_specifique": people the place knows how to help.</summary>
    public static readonly IReadOnlyList<MediationValue> SpecificSupport =
    [
        new("surdite", "Surdité", "Personnes sourdes ou malentendantes", "surdite"),
        new("handicap-moteur", "Handicaps moteurs", "Handicap moteur", "handicap-moteur"),
        new("handicap-mental", "Handicaps mentaux", "Handicap mental", "handicap-mental"),
        new("illettrisme", "Illettrisme", "Difficultés à lire ou écrire", "illettrisme"),
        new("anglais", "Langues étrangères (anglais)", "Accompagnement en anglais", "langues"),
        new("autres-langues", "Langues étrangères (autres)", "Accompagnement dans d’autres langues", "langues"),
        new("deficience-visuelle", "Déficience visuelle", "Personnes aveugles ou malvoyantes", "deficience-visuelle"),
    ];

    /// <summary>The standard's "frais_a_charge".</summary>
    public static readonly IReadOnlyList<MediationValue> Fees =
    [
        new("gratuit", "Gratuit", "Gratuit", "gratuit"),
        new("gratuit-sous-condition", "Gratuit sous condition", "Gratuit sous condition", "gratuit"),
        new("payant", "Payant", "Payant", "payant"),
    ];

    /// <summary>The standard's "dispositif_programmes_nationaux".</summary>
    public static readonly IReadOnlyList<MediationValue> Programmes =
    [
        new("aidants-connect", "Aidants Connect", "Aidants Connect", "label"),
        new("bibliotheques-numeriques", "Bibliothèques numérique de référence", "Bibliothèque numérique de référence", "label"),
        new("pix", "Certification PIX", "Certification PIX", "label"),
        new("conseillers-numeriques", "Conseillers numériques", "Conseiller numérique", "label"),
        new("emmaus-connect", "Emmaüs Connect", "Emmaüs Connect", "label"),
        new("france-services", "France Services", "France Services", "label"),
        new("grande-ecole-numerique", "Grande école du numérique", "Grande école du numérique", "label"),
        new("croix-rouge", "La Croix Rouge", "La Croix-Rouge", "label"),
        new("caf", "Point d'accès numérique CAF", "Point d’accès numérique CAF", "label"),
        new("promeneurs-du-net", "Promeneurs du net", "Promeneurs du net", "label"),
        new("relais-emmaus", "Relais numérique (Emmaüs Connect)", "Relais numérique (Emmaüs Connect)", "label"),
    ];

    /// <summary>The standard's "formations_labels".</summary>
    public static readonly IReadOnlyList<MediationValue> Labels =
    [
        new("mon-espace-sante", "Formé à « Mon Espace Santé »", "Formé à « Mon Espace Santé »", "label"),
        new("duplex", "Formé à « DUPLEX » (illettrisme)", "Formé à « DUPLEX » (illettrisme)", "label"),
        new("arnia", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)", "Arnia/MedNum BFC (Bourgogne-Franche-Comté)", "label"),
        new("reemploi-normandie", "Collectif ressources et acteurs réemploi (Normandie)", "Collectif ressources et acteurs réemploi (Normandie)", "label"),
        new("etapes-numeriques", "Étapes numériques(La Poste)", "Étapes numériques (La Poste)", "label"),
        new("fabriques-territoire", "Fabriques de Territoire", "Fabriques de Territoire", "label"),
        new("eclaireurs-numerique", "Les Éclaireurs du numérique (Drôme)", "Les Éclaireurs du numérique (Drôme)", "label"),
        new("mes-papiers", "Mes Papiers (Métropole de Lyon)", "Mes Papiers (Métropole de Lyon)", "label"),
        new("ordi-3", "ORDI 3.0", "ORDI 3.0", "label"),
        new("sud-labs", "SUD LABS (PACA)", "SUD LABS (PACA)", "label"),
    ];

    /// <summary>The standard's "modalites_acces": how to come.</summary>
    public static readonly IReadOnlyList<MediationValue> Access =
    [
        new("se-presenter", "Se présenter", "Venir sur place", "sur-place"),
        new("telephoner", "Téléphoner", "Téléphoner", "telephone"),
        new("courriel", "Contacter par mail", "Écrire un courriel", "courriel"),
        new("rdv-en-ligne", "Prendre un RDV en ligne", "Prendre rendez-vous en ligne", "rendez-vous"),
        new("pas-de-public", "Ce lieu n'accueille pas de public", "Ce lieu n’accueille pas de public", "ferme"),
        new("prescription", "Envoyer un mail avec une fiche de prescription", "Sur prescription d’un professionnel (fiche par courriel)", "prescription"),
    ];

    /// <summary>Equipment lent on the spot; Repères' own list (the standard has none).</summary>
    public static readonly IReadOnlyList<MediationValue> Equipment =
    [
        new("ordinateurs", null, "Ordinateurs", "ordinateur"),
        new("wifi", null, "Wifi gratuit", "wifi"),
        new("imprimante", null, "Imprimante", "imprimante"),
        new("scanner", null, "Scanner", "scanner"),
        new("tablettes", null, "Tablettes", "tablette"),
    ];

    /// <summary>The codes of a list that are known to it, in the list's order, without duplicates.</summary>
    public static List<string> Known(IReadOnlyList<MediationValue> list, IEnumerable<string> codes)
    {
        var set = codes.Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal);
        return list.Where(v => set.Contains(v.Code)).Select(v => v.Code).ToList();
    }

    public static MediationValue? Find(IReadOnlyList<MediationValue> list, string code) => list.FirstOrDefault(v => v.Code == code);

    /// <summary>The code of a value as the standard writes it; null when the list has no such value.</summary>
    public static string? FromStandard(IReadOnlyList<MediationValue> list, string standard) =>
        list.FirstOrDefault(v => string.Equals(v.Standard, standard.Trim(), StringComparison.Ordinal))?.Code;

    public static string LabelOf(IReadOnlyList<MediationValue> list, string code) => Find(list, code)?.LabelFr ?? code;
}

/// <summary>A digital-mediation service's description, as lists of codes of <see cref="DigitalMediation"/>.</summary>
public sealed record MediationOffer(
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Support,
    IReadOnlyList<string> Publics,
    IReadOnlyList<string> SpecificSupport,
    IReadOnlyList<string> Fees,
    IReadOnlyList<string> Programmes,
    IReadOnlyList<string> Labels,
    string? OtherLabels,
    IReadOnlyList<string> Access,
    IReadOnlyList<string> Equipment)
{
    public static readonly MediationOffer None = new([], [], [], [], [], [], [], null, [], []);

    /// <summary>The same offer as <see cref="Service.SetMediation"/> stores it: known codes in their list's order, other labels trimmed.</summary>
    public MediationOffer Normalised() => new(
        DigitalMediation.Known(DigitalMediation.Services, Services),
        DigitalMediation.Known(DigitalMediation.Support, Support),
        DigitalMediation.Known(DigitalMediation.Publics, Publics),
        DigitalMediation.Known(DigitalMediation.SpecificSupport, SpecificSupport),
        DigitalMediation.Known(DigitalMediation.Fees, Fees),
        DigitalMediation.Known(DigitalMediation.Programmes, Programmes),
        DigitalMediation.Known(DigitalMediation.Labels, Labels),
        string.IsNullOrWhiteSpace(OtherLabels) ? null : OtherLabels.Trim(),
        DigitalMediation.Known(DigitalMediation.Access, Access),
        DigitalMediation.Known(DigitalMediation.Equipment, Equipment));

    public bool IsEmpty => Services.Count == 0 && Support.Count == 0 && Publics.Count == 0 && SpecificSupport.Count == 0 && Fees.Count == 0
        && Programmes.Count == 0 && Labels.Count == 0 && OtherLabels is null && Access.Count == 0 && Equipment.Count == 0;
}
