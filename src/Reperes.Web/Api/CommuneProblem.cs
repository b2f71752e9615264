using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Api;

/// <summary>The answer of the JSON searches to a commune they cannot place: unknown (with the closest names), or without position.</summary>
public static class CommuneProblem
{
    public static ValidationProblem For(IStringLocalizer localizer, string? typed, CommuneMatch? match)
    {
        var messages = new List<string>();
        if (match?.Commune is { } commune)
        {
            messages.Add(localizer["Nous connaissons {0}, mais pas encore sa position : indiquez une commune voisine.", commune.Label]);
        }
        else
        {
            messages.Add(localizer["Nous ne connaissons pas la commune « {0} ». Vérifiez l’orthographe ou indiquez le code postal.", typed ?? ""]);
            if (match?.Lookup.Others is { Count: > 0 } others)
            {
                messages.Add(localizer["Vouliez-vous dire : {0} ?", string.Join(", ", others.Select(o => o.Label))]);
            }
        }

        return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["commune"] = messages.ToArray() }, title: localizer["La recherche est invalide."]);
    }
}
