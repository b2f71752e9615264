using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Reperes.Web.Core.Audience;
using Reperes.Web.Core.Hours;
using Reperes.Web.Core.Translations;

namespace Reperes.Web.Shared.Translations;

/// <summary>
/// Writes a free text of a sheet, service, notice or publication in the visitor's language when it is translated (a
/// machine's or an outdated translation said discreetly after it), else in French marked lang="fr" (and left to right
/// in a right-to-left page).
/// </summary>
public static class ContentTextHtml
{
    public static IHtmlContent ContentText(this IHtmlHelper html, TranslationSubject subject, int subjectId, string field, string? french, string element = "span", string? cssClass = null) =>
        html.ContentTextOf(ContentTexts.For(html.ViewContext.HttpContext).Show(subject, subjectId, field, french), element, cssClass);

    private static IHtmlContent ContentTextOf(this IHtmlHelper html, ShownText shown, string element, string? cssClass = null)
    {
        var context = html.ViewContext.HttpContext;
        var tag = new TagBuilder(element);
        if (cssClass is not null)
        {
            tag.AddCssClass(cssClass);
        }

        if (shown.Lang is { } lang)
        {
            tag.Attributes["lang"] = lang;
            if (CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft)
            {
                tag.Attributes["dir"] = "ltr";
            }
        }

        tag.InnerHtml.Append(shown.Text);
        if (shown.Machine || shown.Outdated)
        {
            var localizer = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            var mark = new TagBuilder("small");
            mark.AddCssClass("translation-mark");
            var words = new List<string>();
            if (shown.Machine)
            {
                words.Add(localizer["traduction automatique"].Value);
            }

            if (shown.Outdated)
            {
                words.Add(localizer["traduction à mettre à jour : le texte français a changé depuis"].Value);
            }

            mark.InnerHtml.Append($"({string.Join(" · ", words)})");
            tag.InnerHtml.AppendHtml(" ");
            tag.InnerHtml.AppendHtml(mark);
        }

        return tag;
    }

    /// <summary>A who-for line: the interface's words, and the staff's own words translated (their first sentence) or marked as French.</summary>
    public static IHtmlContent WhoFor(this IHtmlHelper html, WhoForLine line)
    {
        if (line.Parts.Count == 0)
        {
            return new HtmlString(System.Net.WebUtility.HtmlEncode(line.Text));
        }

        var texts = ContentTexts.For(html.ViewContext.HttpContext);
        var content = new HtmlContentBuilder();
        foreach (var part in line.Parts)
        {
            if (part.Field is null || texts.IsFrench)
            {
                content.Append(part.Text);
                continue;
            }

            var shown = texts.Show(TranslationSubject.Service, part.ServiceId, part.Field, part.Text);
            content.AppendHtml(shown.Lang is null
                ? html.ContentTextOf(shown with { Text = Core.Audience.WhoFor.Excerpt(shown.Text) }, "span")
                : html.ContentTextOf(shown, "span"));
        }

        return content;
    }

    /// <summary>A notice's sentence in the page's language, then its own text (translated, or marked as French).</summary>
    public static IHtmlContent NoticeLine(this IHtmlHelper html, NoticeInfo notice) =>
        html.NoticeLine(NoticeText.Sentence(notice, html.ViewContext.HttpContext), notice.Id, notice.Text);

    /// <summary>A notice already in words (<paramref name="lead"/>, without its own text), then its own text.</summary>
    public static IHtmlContent NoticeLine(this IHtmlHelper html, string lead, int noticeId, string ownText)
    {
        var content = new HtmlContentBuilder().Append(lead);
        if (!string.IsNullOrWhiteSpace(ownText))
        {
            // A notice without its stored id (0) has no translation: its French is marked as such all the same.
            content.Append(" — ").AppendHtml(html.ContentText(TranslationSubject.Notice, noticeId, TranslatableFields.Text, ownText));
        }

        return content;
    }
}
