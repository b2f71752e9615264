using System.Globalization;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Structures;

namespace Reperes.Web.Core.Taxonomy;

/// <summary>Words of the interface for the values of the data model.</summary>
public static class Labels
{
    public static string Audience(string code, IHtmlLocalizer l) => code switch
    {
        "femmes" => l["Femmes"].Value,
        "jeunes" => l["Jeunes (16-25 ans)"].Value,
        "familles" => l["Familles"].Value,
        "seniors" => l["Personnes âgées"].Value,
        "personnes-exilees" => l["Personnes exilées"].Value,
        "personnes-en-situation-durgence" => l["Personnes en situation d’urgence"].Value,
        "personnes-en-situation-de-handicap" => l["Personnes en situation de handicap"].Value,
        "etudiants" => l["Étudiants"].Value,
        "demandeurs-emploi" => l["Demandeurs d’emploi"].Value,
        "beneficiaires-des-minimas-sociaux" => l["Bénéficiaires des minima sociaux"].Value,
        "tous-publics" => l["Tout public"].Value,
        "actifs" => l["Actifs"].Value,
        "personnes-en-situation-juridique-specifique" => l["Personnes en situation juridique spécifique"].Value,
        "residents-qpv-frr" => l["Habitants des quartiers prioritaires"].Value,
        _ => code,
    };

    public static string Language(string code)
    {
        try
        {
            var native = new CultureInfo(code).NativeName;
            return char.ToUpper(native[0], CultureInfo.InvariantCulture) + native[1..];
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    public static string Access(AccessCondition access, IHtmlLocalizer l) => access switch
    {
        AccessCondition.Unconditional => l["Sans condition, sans rendez-vous"].Value,
        AccessCondition.Appointment => l["Sur rendez-vous"].Value,
        AccessCondition.Registration => l["Sur inscription"].Value,
        AccessCondition.ProfessionalOrientation => l["Sur orientation d’un professionnel (travailleur social…)"].Value,
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    public static string Gender(Gender gender, IHtmlLocalizer l) => gender switch
    {
        Structures.Gender.All => l["Femmes et hommes"].Value,
        Structures.Gender.Women => l["Femmes uniquement"].Value,
        Structures.Gender.Men => l["Hommes uniquement"].Value,
        _ => throw new ArgumentOutOfRangeException(nameof(gender), gender, null),
    };

    public static string Audience(string code, IStringLocalizer l) => Audience(code, new PlainText(l));

    public static string Access(AccessCondition access, IStringLocalizer l) => Access(access, new PlainText(l));

    public static string Gender(Gender gender, IStringLocalizer l) => Gender(gender, new PlainText(l));

    /// <summary>The labels above for code that holds plain strings (not HTML): the same texts and translations.</summary>
    private sealed class PlainText(IStringLocalizer strings) : IHtmlLocalizer
    {
        public LocalizedHtmlString this[string name] => new(name, strings[name].Value);

        public LocalizedHtmlString this[string name, params object[] arguments] => new(name, strings[name, arguments].Value);

        public LocalizedString GetString(string name) => strings[name];

        public LocalizedString GetString(string name, params object[] arguments) => strings[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => strings.GetAllStrings(includeParentCultures);
    }
}
