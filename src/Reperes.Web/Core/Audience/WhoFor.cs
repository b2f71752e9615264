using System.Globalization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Structures;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Core.Audience;

/// <summary>Who a service is for and on what condition, as the short line of a result needs it.</summary>
public sealed record ServiceAudience(
    int CategoryId,
    IReadOnlyList<string> Publics,
    Gender Gender,
    int? AgeMin,
    int? AgeMax,
    AccessCondition Access,
    string? AccessDetails,
    string? AdministrativeSituation,
    int ServiceId = 0)
{
    public static ServiceAudience Of(Service service) => new(
        service.CategoryId,
        service.PublicList,
        service.Gender,
        service.AgeMin,
        service.AgeMax,
        service.Access,
        service.AccessDetails,
        service.AdministrativeSituation,
        service.Id);

    /// <summary>For everyone, without any condition: no public, sex or age named, no appointment, registration or referral.</summary>
    public bool IsUnconditional =>
        Publics.All(p => p == "tous-publics") && Gender == Gender.All && AgeMin is null && AgeMax is null
        && Access == AccessCondition.Unconditional && string.IsNullOrWhiteSpace(AccessDetails) && string.IsNullOrWhiteSpace(AdministrativeSituation);

    /// <summary>From the most open to the most restricted: for ordering only.</summary>
    internal int Openness => (IsUnconditional ? 0 : 100)
        + (Publics.All(p => p == "tous-publics") ? 0 : 20)
        + (Gender == Gender.All && AgeMin is null && AgeMax is null ? 0 : 10)
        + Access switch
        {
            AccessCondition.Unconditional => 0,
            AccessCondition.Appointment => 1,
            AccessCondition.Registration => 2,
            AccessCondition.ProfessionalOrientation => 3,
            _ => throw new ArgumentOutOfRangeException(nameof(Access), Access, null),
        };
}

/// <summary>The line of a result: its text, and whether the place is open to everyone without condition.</summary>
public sealed record WhoForLine(string Text, bool Unconditional)
{
    /// <summary>
    /// <see cref="Text"/> in pieces: the interface's words (<see cref="WhoForPart.Field"/> null) and the staff's own
    /// French words on access (a service's field), which pages show translated or marked as French.
    /// </summary>
    public IReadOnlyList<WhoForPart> Parts { get; init; } = [];

    // Two lines are the same when they say the same: the pieces only spell the text out.
    public bool Equals(WhoForLine? other) => other is not null && other.Text == Text && other.Unconditional == Unconditional;

    public override int GetHashCode() => HashCode.Combine(Text, Unconditional);
}

/// <summary>A piece of a who-for line; <paramref name="Field"/> names the service's text it quotes, null for the interface's words.</summary>
public sealed record WhoForPart(string Text, int ServiceId, string? Field);

/// <summary>
/// "Who it is for" in one short line, from the services that answer the question (the same ones as the open state):
/// "Sans condition", "Sur rendez-vous", "Femmes · à partir de 16 ans · sans rendez-vous", "Personnes en situation
/// d’urgence · à partir de 18 ans · réservé aux personnes hébergées". When the services differ, the most open one is
/// said, followed by "(selon le service)".
/// </summary>
public static class WhoFor
{
    /// <summary>Beyond this, the staff's own words on access are cut at a word.</summary>
    public const int MaxDetailsLength = 90;

    /// <summary>The line for a place, from its relevant services; null when it has none.</summary>
    public static WhoForLine? Line(IReadOnlyList<ServiceAudience> services, IStringLocalizer l, CultureInfo culture)
    {
        if (services.Count == 0)
        {
            return null;
        }

        var lines = services.Select(s => (Audience: s, Parts: Parts(s, l, culture))).Select(x => (x.Audience, x.Parts, Text: string.Concat(x.Parts.Select(p => p.Text)))).ToList();
        var most = lines.OrderBy(x => x.Audience.Openness).First();
        var same = lines.All(x => x.Text == most.Text);
        if (same)
        {
            return new WhoForLine(most.Text, most.Audience.IsUnconditional) { Parts = most.Parts };
        }

        // The wrapping words around the line, as the language places them.
        var wrapped = l["{0} (selon le service)", "\u0001"].Value.Split('\u0001');
        var parts = new List<WhoForPart> { new(wrapped[0], 0, null) };
        parts.AddRange(most.Parts);
        parts.Add(new(wrapped.Length > 1 ? wrapped[1] : "", 0, null));
        return new WhoForLine(l["{0} (selon le service)", most.Text], false) { Parts = parts.Where(p => p.Text.Length > 0).ToList() };
    }

    /// <summary>The line of one service.</summary>
    public static string Line(ServiceAudience service, IStringLocalizer l, CultureInfo culture) =>
        string.Concat(Parts(service, l, culture).Select(p => p.Text));

    /// <summary>The staff's words as a who-for line quotes them: their first sentence, cut at a word (a translation too).</summary>
    public static string Excerpt(string text) => Sentence(text);

    /// <summary>The line of one service in pieces (separators included), the staff's words apart.</summary>
    private static List<WhoForPart> Parts(ServiceAudience service, IStringLocalizer l, CultureInfo culture)
    {
        if (service.IsUnconditional)
        {
            return [new(l["Sans condition"], 0, null)];
        }

        var parts = new List<(string Text, string? Field)>();
        var publics = service.Publics.Where(p => p != "tous-publics").ToList();
        if (publics.Count > 0)
        {
            parts.Add((string.Join(", ", publics.Select((p, i) => i == 0 ? Labels.Audience(p, l) : LowerFirst(Labels.Audience(p, l), culture))), null));
        }

        var womenNamed = publics.Contains("femmes");
        switch (service.Gender)
        {
            case Gender.Women when !womenNamed:
                parts.Add((LowerFirst(l["Femmes uniquement"], culture), null));
                break;
            case Gender.Men:
                parts.Add((LowerFirst(l["Hommes uniquement"], culture), null));
                break;
            case Gender.All or Gender.Women:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(service), service.Gender, null);
        }

        switch (service.AgeMin, service.AgeMax)
        {
            case ({ } min, { } max):
                parts.Add((l["de {0} à {1} ans", min, max], null));
                break;
            case ({ } min, null):
                parts.Add((l["à partir de {0} ans", min], null));
                break;
            case (null, { } max):
                parts.Add((l["jusqu’à {0} ans", max], null));
                break;
            case (null, null):
                break;
        }

        parts.Add((LowerFirst(Condition(service, l), culture), string.IsNullOrWhiteSpace(service.AccessDetails) ? null : Translations.TranslatableFields.AccessDetails));
        if (!string.IsNullOrWhiteSpace(service.AdministrativeSituation))
        {
            parts.Add((Sentence(service.AdministrativeSituation), Translations.TranslatableFields.Situation));
        }

        var pieces = new List<WhoForPart>();
        foreach (var (text, field) in parts.Where(p => p.Text.Length > 0))
        {
            if (pieces.Count > 0)
            {
                pieces.Add(new(" · ", 0, null));
            }

            pieces.Add(new(pieces.Count == 0 ? char.ToUpper(text[0], culture) + text[1..] : text, field is null ? 0 : service.ServiceId, field));
        }

        return pieces;
    }

    /// <summary>The staff's words on access when there are some (they say more than the kind), else the kind.</summary>
    private static string Condition(ServiceAudience service, IStringLocalizer l) =>
        !string.IsNullOrWhiteSpace(service.AccessDetails)
            ? Sentence(service.AccessDetails)
            : service.Access switch
            {
                AccessCondition.Unconditional => l["Sans rendez-vous"],
                AccessCondition.Appointment => l["Sur rendez-vous"],
                AccessCondition.Registration => l["Sur inscription"],
                AccessCondition.ProfessionalOrientation => l["Sur orientation d’un professionnel"],
                _ => throw new ArgumentOutOfRangeException(nameof(service), service.Access, null),
            };

    /// <summary>The first sentence, without its final period, cut at a word beyond <see cref="MaxDetailsLength"/>.</summary>
    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        var end = trimmed.IndexOf(". ", StringComparison.Ordinal);
        var sentence = (end > 0 ? trimmed[..end] : trimmed).TrimEnd('.', ' ');
        if (sentence.Length <= MaxDetailsLength)
        {
            return sentence;
        }

        var cut = sentence.LastIndexOf(' ', MaxDetailsLength);
        return sentence[..(cut > 0 ? cut : MaxDetailsLength)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>Lower-cases a leading capital of an ordinary word (not of an acronym such as "CCAS" or "RSA").</summary>
    private static string LowerFirst(string text, CultureInfo culture) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLower(text[0], culture) + text[1..] : text;
}
