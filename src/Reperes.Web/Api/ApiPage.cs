using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;

namespace Reperes.Web.Api;

/// <summary>One page of a list of the public API, with what a client needs to walk the others.</summary>
public sealed record ApiPage<T>(int Total, bool Capped, int Page, int PerPage, int PageCount, IReadOnlyList<T> Items);

public static class ApiPaging
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 100;

    /// <summary>Adds an RFC 8288 <c>Link</c> header (first, prev, next, last) built from the request's own query.</summary>
    public static void AddLinks(HttpContext context, int page, int pageCount)
    {
        var request = context.Request;
        string Url(int number)
        {
            var query = request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.ToString(), StringComparer.Ordinal);
            query["page"] = number.ToString(CultureInfo.InvariantCulture);
            return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
        }

        var links = new List<string> { $"<{Url(1)}>; rel=\"first\"" };
        if (page > 1)
        {
            links.Add($"<{Url(Math.Min(page - 1, pageCount))}>; rel=\"prev\"");
        }

        if (page < pageCount)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
        }

        links.Add($"<{Url(pageCount)}>; rel=\"last\"");
        context.Response.Headers.Link = string.Join(", ", links);
    }

    public static int PageCount(int total, int perPage) => Math.Max(1, (total + perPage - 1) / perPage);

    /// <summary>Reads <c>page</c> and <c>per_page</c>; a wrong value is an error, never silently replaced.</summary>
    public static bool TryRead(string? page, string? perPage, out int pageNumber, out int size, out string? error, Func<string, object[], string> message, int maxPage = 100_000)
    {
        pageNumber = 1;
        size = DefaultPerPage;
        error = null;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1 || pageNumber > maxPage))
        {
            error = message("Le numéro de page est invalide.", []);
            return false;
        }

        if (!string.IsNullOrWhiteSpace(perPage) && (!int.TryParse(perPage, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPerPage))
        {
            error = message("La taille de page doit être comprise entre 1 et {0}.", [MaxPerPage]);
            return false;
        }

        return true;
    }
}
