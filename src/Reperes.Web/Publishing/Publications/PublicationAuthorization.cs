using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Reperes.Web.Core.Accounts;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;

namespace Reperes.Web.Publishing.Publications;

/// <summary>What one can do to a publication; checked against the publication itself.</summary>
public static class PublicationOperations
{
    /// <summary>See it in the back office before it is public: its author and those who may publish it.</summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Change its text and attachments: its author until it is published, and those who may publish it.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>Publish, schedule, refuse, unpublish: the structure's managers and allowed editors, moderators, the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement Moderate = new() { Name = nameof(Moderate) };

    /// <summary>Put in the trash: its author while it is not published, and those who may publish it.</summary>
    public static readonly OperationAuthorizationRequirement Trash = new() { Name = nameof(Trash) };

    /// <summary>Put "À la une" on the network's home page: the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement Feature = new() { Name = nameof(Feature) };
}

public sealed class PublicationAuthorizationHandler(ReperesDbContext db, UserManager<ReperesUser> users)
    : AuthorizationHandler<OperationAuthorizationRequirement, Publication>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Publication resource)
    {
        if (context.User.Identity?.IsAuthenticated != true || users.GetUserId(context.User) is not { } userId)
        {
            return;
        }

        var isAuthor = resource.AuthorId == userId;
        var allowed = requirement.Name switch
        {
            nameof(PublicationOperations.Feature) => context.User.IsInRole(NetworkRoles.Coordinator),
            nameof(PublicationOperations.Read) => isAuthor || await MayPublishAsync(),
            nameof(PublicationOperations.Edit) or nameof(PublicationOperations.Trash) =>
                (isAuthor && resource.Status != PublicationStatus.Published) || await MayPublishAsync(),
            nameof(PublicationOperations.Moderate) => await MayPublishAsync(),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }

        Task<bool> MayPublishAsync() => PublicationRights.MayPublishAsync(db, context.User, userId, resource.StructureId);
    }
}
