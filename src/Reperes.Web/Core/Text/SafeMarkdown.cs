using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Reperes.Web.Core.Text;

/// <summary>
/// Simple formatting for texts anyone may write: Markdown without raw HTML, links only to the web, mail and phone,
/// no remote images (they would track readers and cost data), headings below the page's title.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            heading.Level = Math.Min(6, heading.Level + 1);
        }

        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (link.IsImage || !IsSafeUrl(link.Url))
            {
                // Keep what the author wrote as plain text; drop the image or the dangerous target.
                var text = new LiteralInline(link.IsImage ? link.Title ?? FirstText(link) ?? "" : FirstText(link) ?? link.Url ?? "");
                link.ReplaceBy(text);
            }
            else
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow ugc noopener");
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>The first words of a text, without formatting, for lists and e-mails.</summary>
    public static string ToPlainText(string markdown, int maxLength)
    {
        var plain = Markdown.ToPlainText(markdown, Pipeline).ReplaceLineEndings(" ").Trim();
        while (plain.Contains("  ", StringComparison.Ordinal))
        {
            plain = plain.Replace("  ", " ", StringComparison.Ordinal);
        }

        if (plain.Length <= maxLength)
        {
            return plain;
        }

        var cut = plain.LastIndexOf(' ', maxLength - 1);
        return plain[..(cut > 0 ? cut : maxLength)] + "…";
    }

    public static bool IsSafeUrl(string? url) =>
        url is not null
        && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("tel:", StringComparison.OrdinalIgnoreCase)
            || (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)));

    private static string? FirstText(ContainerInline container) =>
        container.Descendants<LiteralInline>().FirstOrDefault()?.Content.ToString();
}
