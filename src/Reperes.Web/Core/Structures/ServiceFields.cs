using System.Globalization;
using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Core.Structures;

/// <summary>A service as revisions record it: readable French texts, one per field, named after the service.</summary>
public static class ServiceFields
{
    public const string Added = "Service ajouté";
    public const string Removed = "Service retiré";

    public static Dictionary<string, string?> Snapshot(Service v, CategoryInfo? category)
    {
        var l = FrenchLabels.Instance;
        var m = v.Mediation;
        return new()
        {
            ["Catégorie"] = category?.NameFr,
            ["Nom"] = v.Name,
            ["Description"] = v.Description,
            ["Pour qui"] = string.Join(", ", v.PublicList.Select(p => Labels.Audience(p, l))),
            ["Femmes ou hommes"] = Labels.Gender(v.Gender, l),
            ["Âge minimum"] = v.AgeMin?.ToString(CultureInfo.InvariantCulture),
            ["Âge maximum"] = v.AgeMax?.ToString(CultureInfo.InvariantCulture),
            ["Situation administrative"] = v.AdministrativeSituation,
            ["Comment y accéder"] = Labels.Access(v.Access, l),
            ["Précisions sur l’accès"] = v.AccessDetails,
            ["Coût"] = v.IsFree ? "Gratuit" : "Payant",
            ["Précisions sur le coût"] = v.CostDetails,
            ["Horaires"] = v.OpeningHours ?? "Ceux de la structure",
            ["Accueil"] = string.Join(", ", v.ModeList.Select(m => m switch { "en-presentiel" => "Sur place", "a-distance" => "À distance", _ => m })),
            ["Téléphone à distance"] = v.RemotePhone,
            ["Site internet à distance"] = v.RemoteWebsite,
            ["Adressage par un professionnel"] = v.AcceptsReferrals ? "Accepté" : "Non",
            ["Conditions d’adressage"] = v.ReferralConditions,
            ["Pièces pour l’adressage"] = v.ReferralDocuments,
            ["Informations demandées à l’adressage"] = string.Join(", ", v.ReferralFieldList.Select(ReferralFields.Label)),
            ["Aide numérique proposée"] = Listed(DigitalMediation.Services, m.Services),
            ["Accompagnement numérique"] = Listed(DigitalMediation.Support, m.Support),
            ["Publics accueillis en particulier"] = Listed(DigitalMediation.Publics, m.Publics),
            ["Accompagnement adapté"] = Listed(DigitalMediation.SpecificSupport, m.SpecificSupport),
            ["Frais"] = Listed(DigitalMediation.Fees, m.Fees),
            ["Dispositifs nationaux"] = Listed(DigitalMediation.Programmes, m.Programmes),
            ["Formations et labels"] = Listed(DigitalMediation.Labels, m.Labels),
            ["Autres formations et labels"] = m.OtherLabels,
            ["Pour venir"] = Listed(DigitalMediation.Access, m.Access),
            ["Matériel à disposition"] = Listed(DigitalMediation.Equipment, m.Equipment),
            [SheetFields.UpdateFrequency] = v.UpdateFrequencyMonths is { } months ? SheetFields.Months(months) : "Celle de la structure",
        };
    }

    private static string? Listed(IReadOnlyList<MediationValue> list, IReadOnlyList<string> codes) =>
        codes.Count == 0 ? null : string.Join(", ", codes.Select(c => DigitalMediation.LabelOf(list, c)));

    /// <summary>What changed in a service: added (no before), removed (no after) or edited.</summary>
    public static List<FieldChange> Diff(string name, IReadOnlyDictionary<string, string?>? before, IReadOnlyDictionary<string, string?>? after)
    {
        var changes = new List<FieldChange>();
        if (before is null)
        {
            changes.Add(new FieldChange(Added, null, name));
        }
        else if (after is null)
        {
            changes.Add(new FieldChange(Removed, name, null));
        }

        var keys = (after ?? before)!.Keys;
        foreach (var key in keys)
        {
            var old = before?.GetValueOrDefault(key);
            var now = after?.GetValueOrDefault(key);
            if (!SheetFields.Same(old, now))
            {
                changes.Add(new FieldChange($"Service « {name} » : {key}", old, now));
            }
        }

        return changes;
    }
}

/// <summary>A temporary notice as revisions record it: one readable line, added or removed.</summary>
public static class NoticeFields
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr");

    public static FieldChange Added(Notice notice, string? serviceName) => new(Field(notice.Kind, serviceName), null, Text(notice));

    public static FieldChange Removed(Notice notice, string? serviceName) => new(Field(notice.Kind, serviceName), Text(notice), null);

    private static string Field(NoticeKind kind, string? serviceName)
    {
        var what = kind switch
        {
            NoticeKind.Closure => "Fermeture temporaire",
            NoticeKind.ExceptionalHours => "Horaires exceptionnels",
            NoticeKind.Message => "Information temporaire",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return serviceName is null ? what : $"{what} (service « {serviceName} »)";
    }

    private static string Text(Notice notice)
    {
        var dates = $"du {notice.StartsOn.ToString("d MMMM yyyy", French)} au {notice.EndsOn.ToString("d MMMM yyyy", French)}";
        var hours = notice.OpeningHours is { Length: > 0 } h ? $" : {h}" : "";
        var text = notice.Text.Length > 0 ? $" — {notice.Text}" : "";
        return dates + hours + text;
    }
}
