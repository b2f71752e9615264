using Reperes.Web.Core.Publications;

namespace Reperes.Web.Publishing.Pages;

/// <summary>What <c>_PublicationArticle.cshtml</c> shows: a publication, its body as safe HTML, the level of its title.</summary>
public sealed record PublicationArticle(Publication Publication, string BodyHtml, int HeadingLevel);
