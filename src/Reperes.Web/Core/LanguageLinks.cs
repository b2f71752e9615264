using Microsoft.AspNetCore.WebUtilities;

namespace Reperes.Web.Core;

/// <summary>The same page in another language of the interface: its address with <c>?lang=</c> (read by the request's culture provider).</summary>
public static class LanguageLinks
{
    public sealed record Alternate(string HrefLang, string Href);

    /// <summary>One link per language, and x-default (the address without a language: French unless the visitor chose).</summary>
    public static IEnumerable<Alternate> Alternates(HttpRequest request, ReperesOptions options)
    {
        var baseUrl = options.BaseUrl(request) + request.Path;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => !p.Key.Equals("lang", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .ToList();
        foreach (var language in Cultures.Languages)
        {
            yield return new Alternate(language.Code, QueryHelpers.AddQueryString(baseUrl, query.Append(new("lang", language.Code))));
        }

        yield return new Alternate("x-default", QueryHelpers.AddQueryString(baseUrl, query));
    }
}
