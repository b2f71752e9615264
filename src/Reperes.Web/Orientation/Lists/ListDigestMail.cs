using System.Globalization;
using System.Text;
using Reperes.Web.Core.Hours;

namespace Reperes.Web.Orientation.Lists;

/// <summary>The words of a change, French first (the pages translate them; the digest, sent outside any request, is in French).</summary>
public static class ListChangeWords
{
    public static string Of(PlaceChangeKind kind) => kind switch
    {
        PlaceChangeKind.Hours => "Horaires modifiés",
        PlaceChangeKind.Closure => "Fermeture temporaire annoncée",
        PlaceChangeKind.ClosedForGood => "Fermée définitivement",
        PlaceChangeKind.Unverified => "Informations marquées non vérifiées par la coordination",
        PlaceChangeKind.PastUpdateDate => "Informations plus vérifiées : date de mise à jour dépassée",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

/// <summary>The weekly digest of changes in a professional's lists: what changed, where to look, how to stop it.</summary>
public static class ListDigestMail
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string UnsubscribeUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/listes/desabonnement?jeton={Uri.EscapeDataString(token)}";

    public static (string Subject, string Body) Digest(string recipientName, IReadOnlyList<ListedChange> changes, DateTimeOffset since, string baseUrl, string unsubscribeToken)
    {
        var places = changes.Select(c => c.Change.StructureId).Distinct().Count();
        var subject = places == 1
            ? $"Repères : du changement pour « {changes[0].Change.Name} » dans vos listes"
            : $"Repères : du changement pour {places} lieux de vos listes";
        var lines = new StringBuilder();
        foreach (var place in changes.GroupBy(c => c.Change.StructureId))
        {
            var first = place.First();
            lines.AppendLine(CultureInfo.InvariantCulture, $"• {first.Change.Name} (liste{(first.Lists.Count > 1 ? "s" : "")} {string.Join(", ", first.Lists.Select(l => $"« {l} »"))})");
            foreach (var change in place)
            {
                var detail = change.Change.Detail is { } d ? $" — {d}" : "";
                lines.AppendLine(CultureInfo.InvariantCulture, $"  - {ListChangeWords.Of(change.Change.Kind)}{detail} (le {Date(change.Change.At)})");
            }

            lines.AppendLine(CultureInfo.InvariantCulture, $"  {baseUrl.TrimEnd('/')}/structure/{first.Change.Slug}");
        }

        var body = $"""
            Bonjour {recipientName},

            Depuis le {Date(since)}, des lieux de vos listes sur Repères ont changé :

            {lines.ToString().TrimEnd()}

            Avant d’y orienter quelqu’un, vérifiez la fiche à jour. Tous les changements des 30 derniers jours : {baseUrl.TrimEnd('/')}/mon-espace/listes/changements

            Vous recevez ce résumé chaque semaine parce que vous l’avez demandé sur la page de vos listes. Pour ne plus le recevoir (sans vous connecter) :
            {UnsubscribeUrl(baseUrl, unsubscribeToken)}

            L’équipe Repères
            """;
        return (subject, body);
    }

    private static string Date(DateTimeOffset at) => HoursEvaluator.LocalDate(at).ToString("d MMMM yyyy", French);
}
