using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Data;
using Reperes.Web.Shared.Orientation;

namespace Reperes.Web.Orientation.Lists;

/// <summary>The professional's own lists for the "add to a list" forms, read once per request (scoped).</summary>
public sealed class ListChoices(ReperesDbContext db) : IListChoices
{
    private IReadOnlyList<ListChoice>? choices;

    public async Task<IReadOnlyList<ListChoice>> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (choices is not null)
        {
            return choices;
        }

        if (!ProfessionalAccess.IsProfessional(user) || ListAccess.UserId(user) is not { } userId)
        {
            return choices = [];
        }

        var lists = await db.PlaceLists.AsNoTracking()
            .Where(l => l.OwnerId == userId)
            .Select(l => new { l.Id, l.Name, Places = l.Items.Select(i => i.StructureId).ToList() })
            .ToListAsync(cancellationToken);
        return choices = lists
            .OrderBy(l => l.Name, Core.Text.FrenchOrder.Comparer)
            .Select(l => new ListChoice(l.Id, l.Name, l.Places.ToHashSet()))
            .ToList();
    }
}
