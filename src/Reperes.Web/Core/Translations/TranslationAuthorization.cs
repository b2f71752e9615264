using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Translations;

/// <summary>
/// Who translates what, checked on the structure or the publication itself: the network's translators (anything,
/// and nothing else than translations), the coordinator, and a structure's managers — who write its French text —
/// for their own structure's texts and publications. Editors, moderators and the managers of another structure do not.
/// </summary>
public static class TranslationOperations
{
    public static readonly OperationAuthorizationRequirement Translate = new() { Name = "TranslateContent" };

    /// <summary>Whether the person translates for the whole network (any structure, the network's publications).</summary>
    public static bool TranslatesForNetwork(ClaimsPrincipal user) =>
        user.IsInRole(NetworkRoles.Translator) || user.IsInRole(NetworkRoles.Coordinator);
}

public sealed class StructureTranslationHandler(ReperesDbContext db, UserManager<ReperesUser> users)
    : AuthorizationHandler<OperationAuthorizationRequirement, Structure>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Structure resource)
    {
        if (requirement.Name == TranslationOperations.Translate.Name
            && await TranslationRights.MayTranslateAsync(db, users, context.User, resource.Id))
        {
            context.Succeed(requirement);
        }
    }
}

public sealed class PublicationTranslationHandler(ReperesDbContext db, UserManager<ReperesUser> users)
    : AuthorizationHandler<OperationAuthorizationRequirement, Publication>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Publication resource)
    {
        if (requirement.Name == TranslationOperations.Translate.Name && resource.Status != PublicationStatus.Trashed
            && await TranslationRights.MayTranslateAsync(db, users, context.User, resource.StructureId))
        {
            context.Succeed(requirement);
        }
    }
}

internal static class TranslationRights
{
    public static async Task<bool> MayTranslateAsync(ReperesDbContext db, UserManager<ReperesUser> users, ClaimsPrincipal user, int? structureId)
    {
        if (user.Identity?.IsAuthenticated != true || users.GetUserId(user) is not { } userId)
        {
            return false;
        }

        if (TranslationOperations.TranslatesForNetwork(user))
        {
            return true;
        }

        return structureId is { } id && await db.Memberships.AsNoTracking()
            .AnyAsync(m => m.UserId == userId && m.StructureId == id && m.Role == MembershipRole.Manager);
    }
}
