using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Api;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.OpenData.Imports;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.OpenData.Imports;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Core.Structures;

/// <summary>
/// Every way a structure changes goes through the one write path: each test first makes the write fail mid-way (an
/// index after the guide's throws, inside the transaction, once the changes and the search index are written) and
/// checks that nothing was written, then makes it for real and checks its revision (who, when, what), its dates and
/// the search index (found by the new words, no longer by the old ones).
/// </summary>
public sealed class StructureWriterTests
{
    private const string Coordinator = "coordination@demo.reperes.example";
    private const string ManagerName = "Yann (Halte Accueil Ozanam)";
    private const string CoordinatorName = "Camille (coordination)";
    private const string SheetForm = "form.sheet-form";
    private const string ServiceForm = "form.service-form";
    private const string NoticeForm = "form.notice-form";
    private const string Structures = "/mon-espace/coordination/structures";

    private sealed class InjectedFailure() : Exception("A failure injected inside the write's transaction.");

    /// <summary>An index registered after the guide's: when armed, it throws once the guide's index is written.</summary>
    private sealed class FailingIndex : IStructureIndex
    {
        public bool Armed { get; set; }

        public Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) =>
            Armed ? throw new InjectedFailure() : Task.CompletedTask;

        public void Committed(IReadOnlyCollection<int> structureIds)
        {
        }
    }

    private static (ReperesApp App, FailingIndex Failure) NewApp(string engine)
    {
        var failure = new FailingIndex();
        return (new ReperesApp(engine) { TestServices = s => s.AddSingleton<IStructureIndex>(failure) }, failure);
    }

    /// <summary>Everything a structure write may touch, as one text: equal texts mean nothing was written.</summary>
    private static Task<string> StateAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        var structures = (await db.Structures.AsNoTracking().OrderBy(s => s.Id).ToListAsync())
            .Select(s => $"{s.Id}|{s.Slug}|{s.Name}|{s.Summary}|{s.Status}|{s.UpdatedAt.UtcTicks}|{s.VerifiedAt?.UtcTicks}|{s.UnverifiedSince?.UtcTicks}|{s.UpdateFrequencyMonths}|{s.Phones}|{s.OpeningHours}");
        var services = (await db.Services.AsNoTracking().OrderBy(v => v.Id).ToListAsync())
            .Select(v => $"{v.Id}|{v.StructureId}|{v.Name}|{v.Description}|{v.UpdateFrequencyMonths}");
        var notices = (await db.Notices.AsNoTracking().OrderBy(n => n.Id).ToListAsync()).Select(n => $"{n.Id}|{n.StructureId}|{n.Text}");
        var counts = $"{await db.SheetRevisions.CountAsync()}|{await db.Verifications.CountAsync()}|{await db.Invitations.CountAsync()}|{await db.ExternalReferences.CountAsync()}";
        return string.Join("\n", structures.Concat(services).Concat(notices).Append(counts));
    });

    private static async Task<IReadOnlyList<string>> FoundAsync(HttpClient client, string query)
    {
        var result = await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?pageSize=100&q=" + Uri.EscapeDataString(query));
        return result!.Results.Select(r => r.Slug).ToList();
    }

    private static Task<Structure> StructureAsync(ReperesApp app, string slug) =>
        app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Slug == slug));

    private static Task<SheetRevision> LastRevisionAsync(ReperesApp app, int structureId) =>
        app.WithDbAsync(db => db.SheetRevisions.AsNoTracking().Where(r => r.StructureId == structureId).OrderByDescending(r => r.Id).FirstAsync());

    private static Task<int> RevisionCountAsync(ReperesApp app) => app.WithDbAsync(db => db.SheetRevisions.CountAsync());

    /// <summary>The write failed: the person gets the error page, and not a byte of it stayed.</summary>
    private static async Task FailedAsync(ReperesApp app, string before, HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        (await StateAsync(app)).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_Fields_OneRevisionDatesAndIndexOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Manager);
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Summary", "Accueil zanzibar")]));
        (await FoundAsync(client, "zanzibar")).ShouldNotContain(Ozanam);
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Summary", "Accueil zanzibar")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        sheet.Summary.ShouldBe("Accueil zanzibar");
        sheet.UpdatedAt.ShouldBe(app.Clock.Now);
        sheet.VerifiedAt.ShouldBe(app.Clock.Now, "saving the whole sheet confirms it");
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, ManagerName));
        revision.ChangeList.ShouldHaveSingleItem().Field.ShouldBe(SheetFields.Summary);
        revision.ChangeList[0].After.ShouldBe("Accueil zanzibar");
        (await FoundAsync(client, "zanzibar")).ShouldContain(Ozanam);

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(2);
        await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Summary", "Accueil quetzal")]);
        (await FoundAsync(client, "quetzal")).ShouldContain(Ozanam);
        (await FoundAsync(client, "zanzibar")).ShouldNotContain(Ozanam);

        var revisions = await RevisionCountAsync(app);
        await SubmitAsync(client, Area("modifier"), SheetForm, []);
        (await RevisionCountAsync(app)).ShouldBe(revisions, "no revision without a change");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditSheet_UpdateFrequency_RecordedAndDatedOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Manager);
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.UpdateFrequency", "12")]));
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.UpdateFrequency", "12")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        sheet.UpdateFrequencyMonths.ShouldBe(12);
        sheet.UpdatedAt.ShouldBe(app.Clock.Now);
        var change = (await LastRevisionAsync(app, sheet.Id)).ChangeList.ShouldHaveSingleItem();
        change.Field.ShouldBe(SheetFields.UpdateFrequency);
        change.After.ShouldBe(SheetFields.Months(12));
        (await FoundAsync(client, "ozanam")).ShouldContain(Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EditService_Description_OneRevisionDatesAndIndexOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Manager);
        var showers = await app.WithDbAsync(db => db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => v.Id).SingleAsync());
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await SubmitAsync(client, Area($"services/{showers}"), ServiceForm, [("Input.Description", "Douches et serviettes zanzibar")]));
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await SubmitAsync(client, Area($"services/{showers}"), ServiceForm, [("Input.Description", "Douches et serviettes zanzibar")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        sheet.UpdatedAt.ShouldBe(app.Clock.Now);
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, ManagerName));
        revision.ChangeList.ShouldHaveSingleItem().Field.ShouldStartWith("Service « Douches »");
        (await FoundAsync(client, "zanzibar")).ShouldContain(Ozanam);

        await SubmitAsync(client, Area($"services/{showers}"), ServiceForm, [("Input.Description", "Douches et serviettes quetzal")]);
        (await FoundAsync(client, "quetzal")).ShouldContain(Ozanam);
        (await FoundAsync(client, "zanzibar")).ShouldNotContain(Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Notice_Closure_OneRevisionDatesAndOpenStateOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Manager);
        (await FoundAsync(client, "ozanam")).ShouldContain(Ozanam);
        (string, string)[] closure = [("Input.Kind", "Closure"), ("Input.StartsOn", "2026-11-24"), ("Input.EndsOn", "2026-11-26"), ("Input.Text", "Travaux")];
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await SubmitAsync(client, Area("fermetures"), NoticeForm, closure));
        (await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?open=now&pageSize=100"))!.Results.Select(r => r.Slug).ShouldContain(Ozanam, "still open: nothing was closed");
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddMinutes(30);
        (await SubmitAsync(client, Area("fermetures"), NoticeForm, closure)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        sheet.UpdatedAt.ShouldBe(app.Clock.Now);
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, ManagerName));
        revision.ChangeList.ShouldHaveSingleItem().Field.ShouldBe("Fermeture temporaire");
        (await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?open=now&pageSize=100"))!.Results.Select(r => r.Slug).ShouldNotContain(Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Restore_ARevision_OneRevisionDatesAndIndexOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Manager);
        await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Summary", "Accueil zanzibar")]);
        var first = await app.WithDbAsync(db => db.SheetRevisions.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        await SubmitAsync(client, Area("modifier"), SheetForm, [("Input.Summary", "Accueil quetzal")]);
        app.Clock.Now = ReperesApp.DefaultNow.AddHours(2);
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await client.PostFormAsync(Area($"historique/{first}/retablir"), []));
        (await FoundAsync(client, "quetzal")).ShouldContain(Ozanam);
        failure.Armed = false;

        (await client.PostFormAsync(Area($"historique/{first}/retablir"), [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        sheet.Summary.ShouldBe("Accueil zanzibar");
        sheet.UpdatedAt.ShouldBe(app.Clock.Now);
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, ManagerName));
        revision.ChangeList.Select(c => c.Field).ShouldContain(SheetFields.RestoredVersion);
        (await FoundAsync(client, "zanzibar")).ShouldContain(Ozanam);
        (await FoundAsync(client, "quetzal")).ShouldNotContain(Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Import_CreateThenUpdate_OneRevisionEachDatesAndIndexOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = app.CreateBrowserLikeClient();
        const string header = "identifiant;nom;code postal;commune;résumé;catégories";
        var created = Encoding.UTF8.GetBytes($"{header}\nphare-1;Accueil Zanzibar;29200;Brest;Un accueil de jour;accueil-de-jour");
        var before = await StateAsync(app);

        failure.Armed = true;
        await Should.ThrowAsync<InjectedFailure>(() => ImportFixtures.ImportAsync(app, created, apply: true));
        (await StateAsync(app)).ShouldBe(before);
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        var plan = await ImportFixtures.ImportAsync(app, created, apply: true);
        var slug = plan.Lines.ShouldHaveSingleItem().Slug!;
        plan.Lines[0].Action.ShouldBe(PlanAction.Create);
        var place = await StructureAsync(app, slug);
        (place.Status, place.CreatedAt, place.UpdatedAt).ShouldBe((StructureStatus.Online, app.Clock.Now, app.Clock.Now));
        var revision = await LastRevisionAsync(app, place.Id);
        revision.At.ShouldBe(app.Clock.Now);
        revision.AuthorName.ShouldStartWith("Import ");
        revision.ChangeList.Select(c => c.Field).ShouldContain(SheetFields.Name);
        (await FoundAsync(client, "zanzibar")).ShouldContain(slug);

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(2);
        var renamed = Encoding.UTF8.GetBytes($"{header}\nphare-1;Accueil Quetzal;29200;Brest;Un accueil de jour;accueil-de-jour");
        var update = await StateAsync(app);
        failure.Armed = true;
        await Should.ThrowAsync<InjectedFailure>(() => ImportFixtures.ImportAsync(app, renamed, apply: true));
        (await StateAsync(app)).ShouldBe(update);
        failure.Armed = false;

        (await ImportFixtures.ImportAsync(app, renamed, apply: true)).Lines.ShouldHaveSingleItem().Action.ShouldBe(PlanAction.Update);
        (await StructureAsync(app, slug)).UpdatedAt.ShouldBe(app.Clock.Now);
        (await LastRevisionAsync(app, place.Id)).ChangeList.ShouldHaveSingleItem().After.ShouldBe("Accueil Quetzal");
        (await FoundAsync(client, "quetzal")).ShouldContain(slug);
        (await FoundAsync(client, "zanzibar")).ShouldNotContain(slug);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Status_OfflineOnlineAndClosedForGood_InTheHistoryAndTheIndexOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Coordinator);
        var id = (await StructureAsync(app, Ozanam)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await client.PostFormAsync(Structures, new() { ["StructureId"] = id, ["Target"] = "hors-ligne" }, Structures + "?handler=status"));
        (await FoundAsync(client, "ozanam")).ShouldContain(Ozanam);
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await client.PostFormAsync(Structures, new() { ["StructureId"] = id, ["Target"] = "hors-ligne" }, Structures + "?handler=status")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        (sheet.Status, sheet.UpdatedAt).ShouldBe((StructureStatus.Offline, app.Clock.Now));
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, CoordinatorName));
        revision.ChangeList.ShouldHaveSingleItem().ShouldBe(new FieldChange(StructureWriter.StatusField, "En ligne", "Hors ligne"));
        (await FoundAsync(client, "ozanam")).ShouldNotContain(Ozanam);

        (await client.PostFormAsync(Structures, new() { ["StructureId"] = id, ["Target"] = "en-ligne" }, Structures + "?handler=status")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LastRevisionAsync(app, sheet.Id)).ChangeList.ShouldHaveSingleItem().ShouldBe(new FieldChange(StructureWriter.StatusField, "Hors ligne", "En ligne"));
        (await FoundAsync(client, "ozanam")).ShouldContain(Ozanam);

        // Closing for good: the dashboard's decision page; the writer itself refuses to reopen a closed structure.
        var decision = $"/mon-espace/coordination/tableau-de-bord/{Ozanam}/decision";
        var (_, list) = await client.GetPageAsync(Structures + "?q=ozanam");
        list.QuerySelectorAll("a").Single(a => a.TextContent == "Fermer définitivement Halte Accueil Frédéric Ozanam…").GetAttribute("href").ShouldBe(decision + "#fermer");
        async Task<StatusChangeOutcome> ChangeAsync(StructureStatus target)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            var structure = await db.Structures.SingleAsync(s => s.Slug == Ozanam);
            var coordinator = await db.Users.SingleAsync(u => u.Email == Coordinator);
            return await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(StructureAuthor.Of(coordinator), structure, target, UpdatedDate.Moves, CancellationToken.None);
        }

        var open = await StateAsync(app);
        failure.Armed = true;
        await FailedAsync(app, open, await client.PostFormAsync(decision, new() { ["Confirmed"] = "true" }, decision + "?handler=Closed"));
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(2);
        (await client.PostFormAsync(decision, new() { ["Confirmed"] = "true" }, decision + "?handler=Closed")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var closedSheet = await StructureAsync(app, Ozanam);
        (closedSheet.Status, closedSheet.UpdatedAt).ShouldBe((StructureStatus.PermanentlyClosed, app.Clock.Now));
        (await LastRevisionAsync(app, sheet.Id)).ChangeList.ShouldHaveSingleItem().ShouldBe(new FieldChange(StructureWriter.StatusField, "En ligne", "Fermée définitivement"));
        (await FoundAsync(client, "ozanam")).ShouldNotContain(Ozanam);
        var closed = await StateAsync(app);
        (await ChangeAsync(StructureStatus.Online)).ShouldBe(StatusChangeOutcome.ClosedForGood);
        (await StateAsync(app)).ShouldBe(closed);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task DashboardDecision_UnverifiedThenOffline_KeepUpdatedDateOrWriteNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Coordinator);
        var url = $"/mon-espace/coordination/tableau-de-bord/{Ozanam}/decision";
        var original = await StructureAsync(app, Ozanam);
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Unverified"));
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Unverified")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sheet = await StructureAsync(app, Ozanam);
        (sheet.UnverifiedSince, sheet.UpdatedAt).ShouldBe((app.Clock.Now, original.UpdatedAt));
        var revision = await LastRevisionAsync(app, sheet.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, CoordinatorName));
        revision.ChangeList.ShouldHaveSingleItem().Field.ShouldBe(StructureWriter.ReliabilityField);
        (await FoundAsync(client, "ozanam")).ShouldContain(Ozanam, "an unverified sheet stays online");

        var revisions = await RevisionCountAsync(app);
        (await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Unverified")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RevisionCountAsync(app)).ShouldBe(revisions, "already unverified: nothing to record");

        var unverified = await StateAsync(app);
        failure.Armed = true;
        await FailedAsync(app, unverified, await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Offline"));
        failure.Armed = false;

        (await client.PostFormAsync(url, new() { ["Confirmed"] = "true" }, url + "?handler=Offline")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sheet = await StructureAsync(app, Ozanam);
        (sheet.Status, sheet.UpdatedAt).ShouldBe((StructureStatus.Offline, original.UpdatedAt));
        (await FoundAsync(client, "ozanam")).ShouldNotContain(Ozanam);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task NewStructure_FromTheCoordination_ADraftWithItsRevisionAndInvitationOrNothing(string engine)
    {
        var (app, failure) = NewApp(engine);
        await using var _ = app;
        var client = await LoggedInAsync(app, Coordinator);
        const string create = "/mon-espace/coordination/structures/nouvelle";
        Dictionary<string, string> Space() => new()
        {
            ["Input.Name"] = "Épicerie Zanzibar",
            ["Input.Kind"] = "Association",
            ["Input.Commune"] = "Brest",
            ["Input.Summary"] = "Des courses à petit prix.",
            ["Input.ManagerEmail"] = "responsable@zanzibar.example.org",
        };
        var before = await StateAsync(app);

        failure.Armed = true;
        await FailedAsync(app, before, await client.PostFormAsync(create, Space()));
        failure.Armed = false;

        app.Clock.Now = ReperesApp.DefaultNow.AddHours(1);
        (await client.PostFormAsync(create, Space())).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var place = await app.WithDbAsync(db => db.Structures.AsNoTracking().SingleAsync(s => s.Name == "Épicerie Zanzibar"));
        (place.Status, place.CreatedAt, place.UpdatedAt).ShouldBe((StructureStatus.Draft, app.Clock.Now, app.Clock.Now));
        var revision = await LastRevisionAsync(app, place.Id);
        (revision.At, revision.AuthorName).ShouldBe((app.Clock.Now, CoordinatorName));
        revision.ChangeList.ShouldHaveSingleItem().ShouldBe(new FieldChange(StructureWriter.CreatedField, null, "Épicerie Zanzibar"));
        (await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.StructureId == place.Id))).ShouldBe(1);
        (await FoundAsync(client, "zanzibar")).ShouldNotContain(place.Slug, "a draft is not in the guide");
    }
}
