namespace Reperes.Web.Core.Structures;

/// <summary>
/// The facts about a person's situation a service may ask in a referral request: a fixed, short list, chosen per
/// service, so that a professional sends the minimum the service needs. None is about health or origin, which a
/// referral must not carry; free text is discouraged (see the form's advice).
/// </summary>
public static class ReferralFields
{
    /// <summary>Age bracket (under 18, 18–25, 26–59, 60 and over).</summary>
    public const string AgeBracket = "tranche-age";

    /// <summary>Household: alone, couple, with children (how many).</summary>
    public const string Household = "foyer";

    /// <summary>Where the person sleeps: street, emergency shelter, hosted, own housing…</summary>
    public const string Housing = "logement";

    /// <summary>Resources: none, social minima, wages, pension…</summary>
    public const string Resources = "ressources";

    /// <summary>Rights already open (health cover, CAF…), yes/no/unknown.</summary>
    public const string OpenRights = "droits-ouverts";

    /// <summary>The language the person speaks best, when not French.</summary>
    public const string Language = "langue";

    /// <summary>When the person is available for an appointment.</summary>
    public const string Availability = "disponibilites";

    /// <summary>How the service should contact the person: through the professional, or a phone the person gives.</summary>
    public const string ContactWay = "contact";

    public static readonly IReadOnlyList<string> Keys = [AgeBracket, Household, Housing, Resources, OpenRights, Language, Availability, ContactWay];

    /// <summary>The French label of a field (French is the key of every translation).</summary>
    public static string Label(string key) => key switch
    {
        AgeBracket => "Tranche d’âge",
        Household => "Composition du foyer",
        Housing => "Situation de logement",
        Resources => "Ressources",
        OpenRights => "Droits déjà ouverts (santé, CAF…)",
        Language => "Langue parlée",
        Availability => "Disponibilités pour un rendez-vous",
        ContactWay => "Comment joindre la personne",
        _ => key,
    };
}
