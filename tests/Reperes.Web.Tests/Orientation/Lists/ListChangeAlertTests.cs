using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Orientation.Lists;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Orientation.Lists.ListClients;

namespace Reperes.Web.Tests.Orientation.Lists;

/// <summary>
/// Changes in the places of professionals' lists (hours, closures, closed for good, no longer verified), written
/// through the sheets' write path and told on the changes page, on Mon espace and in the weekly digest, to exactly
/// the people whose lists (own or shared with them) hold the place, once per week.
/// </summary>
public sealed class ListChangeAlertTests
{
    /// <summary>Monday 30 November 2026, 9:00 in Brest: the digest of that week is due.</summary>
    private static readonly DateTimeOffset NextMonday = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Classify_FieldsOfTheHistory_KindOfChange()
    {
        ListChanges.Classify(new FieldChange(SheetFields.OpeningHours, "Mo-Fr 09:00-12:00", "Mo-Fr 10:00-12:00")).ShouldBe(PlaceChangeKind.Hours);
        ListChanges.Classify(new FieldChange("Service « Bagagerie » : Horaires", null, "Tu 14:00-16:00")).ShouldBe(PlaceChangeKind.Hours);
        ListChanges.Classify(new FieldChange("Fermeture temporaire", null, "du 1 décembre 2026 au 3 décembre 2026 — Travaux")).ShouldBe(PlaceChangeKind.Closure);
        ListChanges.Classify(new FieldChange("Fermeture temporaire (service « Douches »)", null, "du 1 décembre 2026 au 3 décembre 2026")).ShouldBe(PlaceChangeKind.Closure);
        ListChanges.Classify(new FieldChange("Horaires exceptionnels", null, "du 24 décembre 2026 au 24 décembre 2026 : 09:00-12:00")).ShouldBe(PlaceChangeKind.Hours);

        // A closure withdrawn, another field, a service's other field: nothing to tell.
        ListChanges.Classify(new FieldChange("Fermeture temporaire", "du 1 décembre 2026 au 3 décembre 2026", null)).ShouldBeNull();
        ListChanges.Classify(new FieldChange(SheetFields.Phones, "02 98 00 00 00", "02 98 00 00 01")).ShouldBeNull();
        ListChanges.Classify(new FieldChange("Service « Bagagerie » : Coût", "Gratuit", "1 €")).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Changes_HoursClosureClosedForGoodUnverified_ReachExactlyThoseWhoseListsHoldThePlace(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (a, b, c, d) = await PlacesAsync(app);

        // The professional's list (A, B) shared with the body's colleague; another body's list (B, C); a structure
        // manager's list (D) that nothing changes.
        var professional = await AsAsync(app, Professional);
        var winter = await CreateListAsync(professional, "urgence hiver");
        await AddAsync(professional, winter, a.Id);
        await AddAsync(professional, winter, b.Id);
        await ListActionAsync(professional, winter, "Share", new() { ["avec"] = "organisme" });
        var other = await AsAsync(app, OtherProfessional);
        var mobile = await CreateListAsync(other, "équipe mobile");
        await AddAsync(other, mobile, b.Id);
        await AddAsync(other, mobile, c.Id);
        var manager = await AsAsync(app, ManagerB);
        await AddAsync(manager, await CreateListAsync(manager, "ailleurs"), d.Id);
        var colleague = await AsAsync(app, Colleague);
        var everyone = new Dictionary<string, HttpClient> { [Professional] = professional, [Colleague] = colleague, [OtherProfessional] = other, [ManagerB] = manager };
        foreach (var client in everyone.Values)
        {
            await SubscribeAsync(client);
        }

        // The digest of this week (whatever the demo's history holds) goes first: what follows is next week's.
        await DigestAsync(app);
        var before = everyone.Keys.ToDictionary(e => e, e => Mailbox.To(app, e).Count);

        app.Clock.Now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        await WriteAsync(app, a.Slug, (s, _) =>
        {
            var snapshot = SheetFields.Snapshot(s);
            s.SetReception(s.WheelchairAccessible, s.LanguageList, "Mo-Fr 13:00-17:00", s.OpeningHoursDetails);
            return SheetFields.Diff(snapshot, SheetFields.Snapshot(s));
        });
        app.Clock.Now = app.Clock.Now.AddDays(1);
        await WriteAsync(app, b.Slug, (s, db) =>
        {
            var notice = new Notice(s, null, NoticeKind.Closure, new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 11), "Inventaire", null);
            db.Notices.Add(notice);
            return [NoticeFields.Added(notice, null)];
        });
        app.Clock.Now = app.Clock.Now.AddDays(1);
        await CloseForGoodAsync(app, c.Slug);
        await MarkUnverifiedAsync(app, a.Slug);

        app.Clock.Now = NextMonday;
        var run = await DigestAsync(app);
        run.Mailed.ShouldBeGreaterThanOrEqualTo(3);
        string New(string email) => string.Join("\n---\n", Mailbox.To(app, email).Skip(before[email]).Select(m => m.Subject + "\n" + m.Body));

        foreach (var reader in new[] { Professional, Colleague })
        {
            var mail = New(reader);
            mail.ShouldContain(a.Name, customMessage: reader);
            mail.ShouldContain("Horaires modifiés");
            mail.ShouldContain("Informations marquées non vérifiées par la coordination");
            mail.ShouldContain(b.Name);
            mail.ShouldContain("Fermeture temporaire annoncée — Fermeture temporaire : du 7 décembre 2026 au 11 décembre 2026 — Inventaire");
            mail.ShouldContain("« urgence hiver »");
            mail.ShouldNotContain(c.Name);
            mail.ShouldContain("/listes/desabonnement?jeton=");
        }

        var others = New(OtherProfessional);
        others.ShouldContain(b.Name);
        others.ShouldContain("Fermeture temporaire annoncée");
        others.ShouldContain(c.Name);
        others.ShouldContain("Fermée définitivement");
        others.ShouldNotContain(a.Name);
        var managers = New(ManagerB);
        foreach (var place in new[] { a, b, c })
        {
            managers.ShouldNotContain(place.Name);
        }

        // The same on the changes page and on Mon espace.
        var (_, page) = await professional.GetPageAsync("/mon-espace/listes/changements");
        var text = page.QuerySelector(".list-changes")!.TextContent;
        text.ShouldContain(a.Name);
        text.ShouldContain(b.Name);
        text.ShouldNotContain(c.Name);
        page.QuerySelectorAll(".list-changes .badge").Length.ShouldBeGreaterThanOrEqualTo(3, "never seen before: all new");
        (_, page) = await other.GetPageAsync("/mon-espace/listes/changements");
        page.QuerySelector(".list-changes")!.TextContent.ShouldSatisfyAllConditions(t => t.ShouldContain(c.Name), t => t.ShouldNotContain(a.Name));
        var (_, mySpace) = await colleague.GetPageAsync("/mon-espace");
        mySpace.QuerySelector(".notice-info")!.TextContent.ShouldContain(a.Name);
        (_, page) = await manager.GetPageAsync("/mon-espace/listes/changements");
        (page.QuerySelector(".list-changes")?.TextContent ?? "").ShouldSatisfyAllConditions(t => t.ShouldNotContain(a.Name), t => t.ShouldNotContain(b.Name), t => t.ShouldNotContain(c.Name));

        // Seen: nothing new on the professional's page now, nor on Mon espace.
        (_, page) = await professional.GetPageAsync("/mon-espace/listes/changements");
        page.QuerySelectorAll(".list-changes .badge").Length.ShouldBe(0);
        (_, mySpace) = await professional.GetPageAsync("/mon-espace");
        (mySpace.QuerySelector(".notice-info")?.TextContent ?? "").ShouldNotContain(a.Name);

        // Once per week: a second run sends nothing.
        var counts = everyone.Keys.ToDictionary(e => e, e => Mailbox.To(app, e).Count);
        (await DigestAsync(app)).Mailed.ShouldBe(0);
        everyone.Keys.ToDictionary(e => e, e => Mailbox.To(app, e).Count).ShouldBe(counts);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Digest_RunsAtOnceAndAgain_OneMailPerWeekAndTheUnsubscribeLinkStopsIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (a, _, _, _) = await PlacesAsync(app);
        var professional = await AsAsync(app, Professional);
        var list = await CreateListAsync(professional, "urgence hiver");
        await AddAsync(professional, list, a.Id);
        await ListActionAsync(professional, list, "Share", new() { ["avec"] = "organisme" });
        var colleague = await AsAsync(app, Colleague);
        await SubscribeAsync(professional);
        await SubscribeAsync(colleague);
        var (_, lists) = await colleague.GetPageAsync("/mon-espace/listes");
        lists.QuerySelector("input[name=resume][type=checkbox]")!.HasAttribute("checked").ShouldBeTrue();
        await DigestAsync(app);
        var before = Mailbox.To(app, Professional).Count;
        var colleagueBefore = Mailbox.To(app, Colleague).Count;

        app.Clock.Now = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(1));
        await WriteAsync(app, a.Slug, (s, db) =>
        {
            var notice = new Notice(s, null, NoticeKind.Closure, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 2), "Formation de l’équipe", null);
            db.Notices.Add(notice);
            return [NoticeFields.Added(notice, null)];
        });

        // Not before Monday 8:00.
        app.Clock.Now = NextMonday.AddHours(-2);
        (await DigestAsync(app)).Mailed.ShouldBe(0);

        // Two runs at once (two instances): one mail each.
        app.Clock.Now = NextMonday;
        var runs = await Task.WhenAll(DigestAsync(app), DigestAsync(app));
        runs.Sum(r => r.Mailed).ShouldBe(2);
        Mailbox.To(app, Professional).Count.ShouldBe(before + 1);
        Mailbox.To(app, Colleague).Count.ShouldBe(colleagueBefore + 1);
        app.Clock.Now = NextMonday.AddHours(6);
        (await DigestAsync(app)).Mailed.ShouldBe(0);
        Mailbox.To(app, Professional).Count.ShouldBe(before + 1);
        var week = ListDigestSender.WeekOf(NextMonday);
        (await app.WithDbAsync(db => db.ListDigests.CountAsync(x => x.Week == week))).ShouldBe(2);

        // The colleague stops it from the mail, without signing in; a forged link changes nothing.
        var mail = Mailbox.To(app, Colleague).Last();
        mail.Body.ShouldContain("Formation de l’équipe");
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(mail.Body, @"https?://\S+/listes/desabonnement\?jeton=\S+").Value).PathAndQuery;
        var visitor = app.CreateBrowserLikeClient();
        (await visitor.GetAsync(link.Replace("jeton=", "jeton=x", StringComparison.Ordinal))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var (opened, confirm) = await visitor.GetPageAsync(link);
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.ListWatches.CountAsync(w => w.Digest))).ShouldBe(2, "opening the link only asks");
        var stopped = await visitor.SubmitAsync(confirm.QuerySelector("main form")!, pageUrl: link);
        stopped.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stopped.Content.ReadAsStringAsync()).ShouldContain("vous ne recevrez plus le résumé");
        (await app.WithDbAsync(db => db.ListWatches.CountAsync(w => w.Digest))).ShouldBe(1);

        // Next week: only what changed since the last digest, and only to who still wants it.
        app.Clock.Now = new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(1));
        await WriteAsync(app, a.Slug, (s, _) =>
        {
            var snapshot = SheetFields.Snapshot(s);
            s.SetReception(s.WheelchairAccessible, s.LanguageList, "Mo-Sa 08:30-11:30", s.OpeningHoursDetails);
            return SheetFields.Diff(snapshot, SheetFields.Snapshot(s));
        });
        app.Clock.Now = NextMonday.AddDays(7);
        await DigestAsync(app);
        var latest = Mailbox.To(app, Professional).Last();
        Mailbox.To(app, Professional).Count.ShouldBe(before + 2);
        latest.Body.ShouldContain("Horaires modifiés");
        latest.Body.ShouldNotContain("Formation de l’équipe");
        Mailbox.To(app, Colleague).Count.ShouldBe(colleagueBefore + 1);

        // Unticking the box on the lists page stops it too.
        await professional.PostFormAsync("/mon-espace/listes", new() { ["resume"] = "false" }, "/mon-espace/listes?handler=Digest");
        (await app.WithDbAsync(db => db.ListWatches.CountAsync(w => w.Digest))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Changes_UpdateDatePassed_ToldAsNoLongerVerified(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (a, _, _, _) = await PlacesAsync(app);
        var professional = await AsAsync(app, Professional);
        await AddAsync(professional, await CreateListAsync(professional, "urgence hiver"), a.Id);
        var due = await app.WithDbAsync(async db =>
        {
            var s = await db.Structures.Include(x => x.Services).SingleAsync(x => x.Id == a.Id);
            var months = Math.Min(s.UpdateFrequencyMonths, s.Services.Select(v => v.UpdateFrequencyMonths).Min() ?? s.UpdateFrequencyMonths);
            return FreshnessRules.DueAt(s.VerifiedAt, s.UpdatedAt, s.CreatedAt, months);
        });

        app.Clock.Now = due.AddDays(-1);
        var (_, page) = await professional.GetPageAsync("/mon-espace/listes/changements");
        (page.QuerySelector(".list-changes")?.TextContent ?? "").ShouldNotContain("date de mise à jour dépassée");
        app.Clock.Now = due.AddDays(1);
        (_, page) = await professional.GetPageAsync("/mon-espace/listes/changements");
        page.QuerySelector(".list-changes")!.TextContent.ShouldContain("Informations plus vérifiées : date de mise à jour dépassée");
        page.QuerySelector(".list-changes")!.TextContent.ShouldContain(a.Name);
    }

    private sealed record Place(int Id, string Slug, string Name);

    /// <summary>A (Ozanam), B (Restos du Cœur), then two other places online.</summary>
    private static Task<(Place A, Place B, Place C, Place D)> PlacesAsync(ReperesApp app) => app.WithDbAsync(async db =>
    {
        var online = await db.Structures.Where(s => s.Status == StructureStatus.Online).OrderBy(s => s.Id).Select(s => new Place(s.Id, s.Slug, s.Name)).ToListAsync();
        var a = online.Single(s => s.Slug == Ozanam);
        var b = online.Single(s => s.Slug == Restos);
        var rest = online.Where(s => s != a && s != b && !s.Name.Contains(a.Name, StringComparison.Ordinal) && !a.Name.Contains(s.Name, StringComparison.Ordinal)).ToList();
        return (a, b, rest[0], rest[1]);
    });

    private static Task<HttpResponseMessage> SubscribeAsync(HttpClient client) =>
        client.PostFormAsync("/mon-espace/listes", new() { ["resume"] = "true" }, "/mon-espace/listes?handler=Digest");

    private static async Task<ListDigestRun> DigestAsync(ReperesApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ListDigestSender>().SendAsync(app.Clock.GetUtcNow());
    }

    /// <summary>A change of a sheet through the write path, signed by the coordinator, as the staff's forms make it.</summary>
    private static async Task WriteAsync(ReperesApp app, string slug, Func<Structure, ReperesDbContext, IReadOnlyList<FieldChange>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var structure = await db.Structures.Include(s => s.Services).SingleAsync(s => s.Slug == slug);
        var author = await AuthorAsync(db);
        await scope.ServiceProvider.GetRequiredService<StructureWriter>().WriteAsync(author, structure, UpdatedDate.Moves, () => Task.FromResult(change(structure, db)), CancellationToken.None);
    }

    private static async Task CloseForGoodAsync(ReperesApp app, string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var structure = await db.Structures.SingleAsync(s => s.Slug == slug);
        (await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(await AuthorAsync(db), structure, StructureStatus.PermanentlyClosed, UpdatedDate.Moves, CancellationToken.None))
            .ShouldBe(StatusChangeOutcome.Changed);
    }

    private static async Task MarkUnverifiedAsync(ReperesApp app, string slug)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
        var structure = await db.Structures.SingleAsync(s => s.Slug == slug);
        (await scope.ServiceProvider.GetRequiredService<StructureWriter>().MarkUnverifiedAsync(await AuthorAsync(db), structure, CancellationToken.None)).ShouldBeTrue();
    }

    private static async Task<StructureAuthor> AuthorAsync(ReperesDbContext db) =>
        StructureAuthor.Of(await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example"));
}
