using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Localization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Reperes.Web.Core.Orientation;

namespace Reperes.Web.Shared.Orientation;

/// <summary>
/// "Ajouter à ma fiche d'orientation" under a result or on a sheet (<see cref="SlipAddHtml.AddToSlip"/>): the place,
/// the services chosen by default (those that answer the question), and the page to come back to.
/// </summary>
public sealed record SlipAddButton(int StructureId, string Name, IReadOnlyList<int> ServiceIds, string ReturnUrl);

/// <summary>
/// The button written as HTML by code rather than by a partial view: it stands under each of a results page's twenty
/// places, where a partial's own view context, buffers and injected services cost more than the form itself.
/// </summary>
public static class SlipAddHtml
{
    /// <summary>A link to the slip when the place is in it already; otherwise the form that adds it (with the form protection token).</summary>
    public static IHtmlContent AddToSlip(this IHtmlHelper html, SlipAddButton button)
    {
        var context = html.ViewContext.HttpContext;
        var localizer = context.RequestServices.GetRequiredService<IHtmlLocalizer<SharedResource>>();
        var content = new HtmlContentBuilder();
        if (SlipCookie.Read(context).Contains(button.StructureId))
        {
            return content.AppendHtml("<p class=\"slip-add no-print\"><a href=\"/fiche-orientation#lieu-")
                .Append(button.StructureId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .AppendHtml("\">✓ ").AppendHtml(localizer["Dans ma fiche d’orientation"])
                .AppendHtml("<span class=\"visually-hidden\"> : ").Append(button.Name).AppendHtml("</span></a></p>");
        }

        content.AppendHtml("<form method=\"post\" action=\"/fiche-orientation/ajouter\" class=\"slip-add no-print\">");
        Hidden(content, "id", button.StructureId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var serviceId in button.ServiceIds)
        {
            Hidden(content, "service", serviceId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Hidden(content, "retour", button.ReturnUrl);
        return content.AppendHtml("<button type=\"submit\" class=\"button secondary\">+ ").AppendHtml(localizer["Ajouter à ma fiche d’orientation"])
            .AppendHtml("<span class=\"visually-hidden\"> : ").Append(button.Name).AppendHtml("</span></button>")
            .AppendHtml(html.AntiForgeryToken()).AppendHtml("</form>");
    }

    private static void Hidden(HtmlContentBuilder content, string name, string value) =>
        content.AppendHtml("<input type=\"hidden\" name=\"").AppendHtml(name).AppendHtml("\" value=\"").Append(value).AppendHtml("\">");
}
