using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Publications;
using Reperes.Web.Data;
using Reperes.Web.Publishing.Publications;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Publishing.Publications;

/// <summary>The workflow service's typed results: each step done says which, each refusal says why and saves nothing.</summary>
public sealed class PublicationWorkflowServiceTests
{
    private const string Author = "redaction.ozanam@demo.reperes.example";
    private const string Moderator = "moderation@demo.reperes.example";
    private const string BaseUrl = "https://reperes.example";

    private static async Task<T> WithWorkflowAsync<T>(ReperesApp app, Func<PublicationWorkflow, ReperesDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PublicationWorkflow>(), scope.ServiceProvider.GetRequiredService<ReperesDbContext>());
    }

    private static Task<Publication> LoadAsync(ReperesDbContext db, int id) => db.Publications.SingleAsync(p => p.Id == id);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Steps_ProposeRefusePublishScheduledTrash_TypedResultsAndNothingSavedWhenRefused(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (authorId, moderatorId, structureId) = await app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == Author).Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == Moderator).Select(u => u.Id).SingleAsync(),
            await db.Structures.Where(s => s.Slug == "halte-accueil-ozanam").Select(s => s.Id).SingleAsync()));

        var id = await WithWorkflowAsync(app, async (workflow, _) =>
        {
            var publication = new Publication(PublicationKind.News, structureId, authorId, "Léa", app.Clock.GetUtcNow(), new PublicationContent("Douches rénovées", "Les douches rouvrent.", "Les douches rouvrent lundi."));
            (await workflow.SubmitAsync(publication, PublicationWorkflow.Intent.Propose, authorId, null, BaseUrl, CancellationToken.None))
                .ShouldBe(new WorkflowResult.Done(PublicationStep.Proposed));
            return publication.Id;
        });
        (await Mailbox.MessagesToAsync(app, "gestion.ozanam@demo.reperes.example")).ShouldContain(m => m.Contains("Douches rénovées", StringComparison.Ordinal), "the structure's manager is asked to decide");

        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.RefuseAsync(await LoadAsync(db, id), moderatorId, "  ", BaseUrl, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.NotPossible(StepRefusal.ReasonRequired));
        (await app.WithDbAsync(db => LoadAsync(db, id))).Status.ShouldBe(PublicationStatus.Proposed);

        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.RefuseAsync(await LoadAsync(db, id), moderatorId, "Photo floue", BaseUrl, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Refused));
        var refused = await app.WithDbAsync(db => LoadAsync(db, id));
        (refused.Status, refused.RefusalReason).ShouldBe((PublicationStatus.Refused, "Photo floue"));
        (await Mailbox.MessagesToAsync(app, Author)).ShouldContain(m => m.Contains("Photo floue", StringComparison.Ordinal), "the author reads why");

        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.RefuseAsync(await LoadAsync(db, id), moderatorId, "Encore", BaseUrl, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.NotPossible(StepRefusal.StateChanged), "only a proposal is refused");
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.UnpublishAsync(await LoadAsync(db, id), moderatorId, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.NotPossible(StepRefusal.StateChanged), "only a published text is unpublished");
        (await app.WithDbAsync(db => LoadAsync(db, id))).Status.ShouldBe(PublicationStatus.Refused);

        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.SubmitAsync(await LoadAsync(db, id), PublicationWorkflow.Intent.Propose, authorId, null, BaseUrl, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Proposed));
        var later = app.Clock.GetUtcNow().AddDays(2);
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.PublishAsync(await LoadAsync(db, id), moderatorId, later, BaseUrl, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Scheduled));
        var scheduled = await app.WithDbAsync(db => LoadAsync(db, id));
        (scheduled.Status, scheduled.PublishFrom, scheduled.DecidedById).ShouldBe((PublicationStatus.Published, later, moderatorId));

        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.FeatureAsync(await LoadAsync(db, id), true, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Featured));
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.TrashAsync(await LoadAsync(db, id), CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Trashed));
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.FeatureAsync(await LoadAsync(db, id), true, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.NotPossible(StepRefusal.StateChanged));
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.UnpublishAsync(await LoadAsync(db, id), moderatorId, CancellationToken.None)))
            .ShouldBe(new WorkflowResult.NotPossible(StepRefusal.StateChanged));
        var trashed = await app.WithDbAsync(db => LoadAsync(db, id));
        (trashed.Status, trashed.Featured).ShouldBe((PublicationStatus.Trashed, false));
        (await WithWorkflowAsync(app, async (workflow, db) => await workflow.RestoreAsync(await LoadAsync(db, id), CancellationToken.None)))
            .ShouldBe(new WorkflowResult.Done(PublicationStep.Restored));
        (await app.WithDbAsync(db => LoadAsync(db, id))).Status.ShouldBe(PublicationStatus.Draft);
    }
}
