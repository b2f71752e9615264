using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Core.Accounts;

/// <summary>What one can do to a structure; checked against the structure itself (resource-based authorization).</summary>
public static class StructureOperations
{
    /// <summary>Edit the sheet and its services: the structure's managers and the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement EditSheet = new() { Name = nameof(EditSheet) };

    /// <summary>Invite and remove colleagues: the structure's managers and the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement ManageTeam = new() { Name = nameof(ManageTeam) };

    /// <summary>Read the sheet's history: every member, moderators, the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement ReadHistory = new() { Name = nameof(ReadHistory) };

    /// <summary>Read the counts of the sheet's use (views, taps, slips): every member and the coordinator, nobody else.</summary>
    public static readonly OperationAuthorizationRequirement ReadStatistics = new() { Name = nameof(ReadStatistics) };

    /// <summary>Write publications in the structure's name, run its workshops: every member, the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement WritePublications = new() { Name = nameof(WritePublications) };

    /// <summary>
    /// Read the structure's evaluation of social utility (frameworks, observations, testimonies, results): every member and
    /// the coordinator, nobody else (other structures see only the territory's aggregates).
    /// </summary>
    public static readonly OperationAuthorizationRequirement ReadEvaluation = new() { Name = nameof(ReadEvaluation) };

    /// <summary>Record observations, testimonies and self-assessments: every member and the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement RecordEvaluation = new() { Name = nameof(RecordEvaluation) };

    /// <summary>Build the frameworks and actions, close and validate periods: the structure's managers and the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement DesignEvaluation = new() { Name = nameof(DesignEvaluation) };

    /// <summary>Publish the structure's publications: managers, editors allowed to publish, moderators, the coordinator.</summary>
    public static readonly OperationAuthorizationRequirement PublishPublications = new() { Name = nameof(PublishPublications) };
}

/// <summary>
/// Decides from the person's memberships: a member of structure A never gets a right on structure B.
/// </summary>
public sealed class StructureAuthorizationHandler(ReperesDbContext db, UserManager<ReperesUser> users)
    : AuthorizationHandler<OperationAuthorizationRequirement, Structure>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, Structure resource)
    {
        if (context.User.Identity?.IsAuthenticated != true || users.GetUserId(context.User) is not { } userId)
        {
            return;
        }

        if (context.User.IsInRole(NetworkRoles.Coordinator))
        {
            context.Succeed(requirement);
            return;
        }

        var membership = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == userId && m.StructureId == resource.Id)
            .Select(m => new { m.Role, m.CanPublish })
            .FirstOrDefaultAsync();
        var role = membership?.Role;
        var allowed = requirement.Name switch
        {
            nameof(StructureOperations.EditSheet) or nameof(StructureOperations.ManageTeam) or nameof(StructureOperations.DesignEvaluation) => role == MembershipRole.Manager,
            nameof(StructureOperations.ReadHistory) => role is not null || context.User.IsInRole(NetworkRoles.Moderator),
            nameof(StructureOperations.WritePublications) or nameof(StructureOperations.ReadStatistics)
                or nameof(StructureOperations.ReadEvaluation) or nameof(StructureOperations.RecordEvaluation) => role is not null,
            nameof(StructureOperations.PublishPublications) => role == MembershipRole.Manager || membership?.CanPublish == true
                || await PublicationRights.ModeratesAsync(db, context.User, userId, resource.Id),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
