using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.SocialUtility.Model;

namespace Reperes.Web.SocialUtility;

/// <summary>What a page of a structure's evaluation found: the structure, or why not (404 unknown, 403 not allowed).</summary>
public sealed record EvaluationScope(Structure? Structure, int? RefusalStatus)
{
    public bool Allowed => Structure is not null;
}

/// <summary>
/// Opens a structure's evaluation for a person (resource-based: members of structure A never reach B's), and finds its
/// actions, periods and frameworks only within that structure, so that an id of another structure's gives a 404.
/// </summary>
public sealed class EvaluationAccess(ReperesDbContext db, IAuthorizationService authorization)
{
    public async Task<EvaluationScope> OpenAsync(ClaimsPrincipal user, string slug, OperationAuthorizationRequirement operation, CancellationToken cancellationToken)
    {
        var structure = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        if (structure is null)
        {
            return new(null, StatusCodes.Status404NotFound);
        }

        return (await authorization.AuthorizeAsync(user, structure, operation)).Succeeded
            ? new(structure, null)
            : new(null, StatusCodes.Status403Forbidden);
    }

    /// <summary>Whether the person may do this to the structure (to show or hide a link or a form).</summary>
    public async Task<bool> MayAsync(ClaimsPrincipal user, Structure structure, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, structure, operation)).Succeeded;

    /// <summary>An action of the structure with its periods and services (tracked, for writes); none when another structure's.</summary>
    public Task<EvaluatedAction?> ActionAsync(int structureId, int actionId, CancellationToken cancellationToken) =>
        db.EvaluatedActions.Include(a => a.Periods).Include(a => a.Services).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == actionId && a.StructureId == structureId, cancellationToken);

    /// <summary>A framework of the structure with its values, criteria and every version of its indicators (tracked).</summary>
    public Task<Framework?> FrameworkAsync(int? structureId, int frameworkId, CancellationToken cancellationToken) =>
        db.Frameworks.Include(f => f.Dimensions).ThenInclude(d => d.Criteria).ThenInclude(c => c.Indicators).AsSplitQuery()
            .FirstOrDefaultAsync(f => f.Id == frameworkId && f.StructureId == structureId, cancellationToken);

    /// <summary>The network's template (the coordinator keeps one), with its values, criteria and indicators; none yet if never made.</summary>
    public Task<Framework?> TemplateAsync(CancellationToken cancellationToken) =>
        db.Frameworks.Include(f => f.Dimensions).ThenInclude(d => d.Criteria).ThenInclude(c => c.Indicators).AsSplitQuery()
            .Where(f => f.StructureId == null).OrderBy(f => f.Id).FirstOrDefaultAsync(cancellationToken);
}
