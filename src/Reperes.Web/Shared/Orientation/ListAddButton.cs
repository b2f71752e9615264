using System.Security.Claims;

namespace Reperes.Web.Shared.Orientation;

/// <summary>
/// "Ajouter à une liste" under a result or on a sheet, for professionals only (<c>_AddToList.cshtml</c>): the place
/// and the page to come back to.
/// </summary>
public sealed record ListAddButton(int StructureId, string Name, string ReturnUrl);

/// <summary>One of the signed-in professional's own lists, and the places it holds.</summary>
public sealed record ListChoice(int Id, string Name, IReadOnlySet<int> StructureIds);

/// <summary>The signed-in professional's own lists, read once per request for every card of a page.</summary>
public interface IListChoices
{
    Task<IReadOnlyList<ListChoice>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default);
}
