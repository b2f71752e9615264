using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Orientation.Lists;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Orientation.Lists.ListClients;

namespace Reperes.Web.Tests.Orientation.Lists;

/// <summary>Professionals' lists of places: creating, adding from results and sheets, notes, renaming, removing, deleting, bad input.</summary>
public sealed class PlaceListTests
{
    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_AddFromSheetAndResults_ListHoldsThePlacesBackWhereThePersonWas(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await AsAsync(app, Professional);
        var ozanam = await IdOfAsync(app, Ozanam);
        var restos = await IdOfAsync(app, Restos);

        // A first "add" without any list creates "Mes adresses".
        var (_, sheet) = await client.GetPageAsync($"/structure/{Ozanam}");
        var sheetForm = AddForm(sheet, ozanam)!;
        sheetForm.QuerySelector("button")!.TextContent.ShouldContain("Ajouter à une liste");
        var added = await SubmitAddFormAsync(client, sheetForm);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        added.Headers.Location!.OriginalString.ShouldBe($"/structure/{Ozanam}");
        (_, sheet) = await client.GetPageAsync($"/structure/{Ozanam}");
        sheet.QuerySelector(".list-add")!.TextContent.ShouldContain("Dans ma liste : « Mes adresses »");
        AddForm(sheet, ozanam).ShouldBeNull("the place is on the person's only list");

        var winter = await CreateListAsync(client, "urgence hiver");
        var (_, results) = await client.GetPageAsync("/recherche?q=restos");
        var cardForm = AddForm(results, restos)!;
        cardForm.QuerySelectorAll("option").Select(o => o.TextContent).ShouldBe(["Mes adresses", "urgence hiver"]);
        var fromCard = await SubmitAddFormAsync(client, cardForm, winter);
        fromCard.Headers.Location!.OriginalString.ShouldBe($"/recherche?q=restos#lieu-{restos}");
        (await AddAsync(client, winter, ozanam)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await AddAsync(client, winter, ozanam)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "adding again changes nothing");

        var (page, list) = await client.GetPageAsync($"/mon-espace/listes/{winter}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        list.QuerySelector("h1")!.TextContent.ShouldBe("urgence hiver");
        PlaceNames(list).Count.ShouldBe(2);
        PlaceNames(list)[0].ShouldContain("Restos");
        var (_, lists) = await client.GetPageAsync("/mon-espace/listes");
        lists.QuerySelectorAll(".results h3 a").Select(a => a.TextContent).ShouldBe(["Mes adresses", "urgence hiver"]);

        // Only professionals see the form: not a visitor, nor an account awaiting validation.
        (_, results) = await app.CreateBrowserLikeClient().GetPageAsync("/recherche?q=restos");
        results.QuerySelector(".list-add").ShouldBeNull();
        (_, results) = await (await AsAsync(app, Pending)).GetPageAsync("/recherche?q=restos");
        results.QuerySelector(".list-add").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_NoteRenameRemoveDelete_AsTheOwnerSays(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await AsAsync(app, Professional);
        var ozanam = await IdOfAsync(app, Ozanam);
        var restos = await IdOfAsync(app, Restos);
        var id = await CreateListAsync(client, "mes adresses Pont-de-Buis");
        await AddAsync(client, id, ozanam);
        await AddAsync(client, id, restos);
        var page = $"/mon-espace/listes/{id}";

        var noted = await ListActionAsync(client, id, "Note", new() { ["lieu"] = $"{ozanam}", ["note"] = "  demander Anne, venir avec l’attestation CAF " }, page);
        noted.Headers.Location!.OriginalString.ShouldBe($"{page}?fait=note");
        var tooLong = await ListActionAsync(client, id, "Note", new() { ["lieu"] = $"{ozanam}", ["note"] = new string('a', PlaceListItem.NoteMaxLength + 1) }, page);
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Html.ParseAsync(await tooLong.Content.ReadAsStringAsync())).QuerySelector(".errors")!.TextContent.ShouldContain("La note est trop longue : 300 caractères au plus.");
        var (_, list) = await client.GetPageAsync(page);
        list.QuerySelector($"#note-{ozanam}")!.TextContent.ShouldBe("demander Anne, venir avec l’attestation CAF");

        var renamed = await ListActionAsync(client, id, "Rename", new() { ["Name"] = "Pont-de-Buis" }, page);
        renamed.Headers.Location!.OriginalString.ShouldBe($"{page}?fait=renommee");
        var empty = await ListActionAsync(client, id, "Rename", new() { ["Name"] = "   " }, page);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Donnez un nom à la liste");

        (await ListActionAsync(client, id, "Remove", new() { ["lieu"] = $"{restos}" }, page)).Headers.Location!.OriginalString.ShouldBe($"{page}?fait=retire");
        (_, list) = await client.GetPageAsync(page);
        list.QuerySelector("h1")!.TextContent.ShouldBe("Pont-de-Buis");
        PlaceNames(list).Count.ShouldBe(1);

        // Deleting is confirmed first, in red.
        (_, list) = await client.GetPageAsync($"{page}?supprimer=true");
        list.QuerySelector(".danger-zone button.danger")!.TextContent.ShouldBe("Supprimer la liste");
        var deleted = await ListActionAsync(client, id, "Delete", [], page);
        deleted.Headers.Location!.OriginalString.ShouldBe("/mon-espace/listes?fait=supprimee");
        (await client.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.PlaceListItems.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_BadInput_ClearMessageAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = await AsAsync(app, Professional);
        var ozanam = await IdOfAsync(app, Ozanam);

        async Task ShouldRefuseAsync(string name, string message)
        {
            var response = await CreateAsync(client, name);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var page = await Html.ParseAsync(await response.Content.ReadAsStringAsync());
            page.QuerySelector(".errors")!.TextContent.ShouldContain(message);
        }

        await ShouldRefuseAsync("  ", "Donnez un nom à la liste");
        await ShouldRefuseAsync(new string('x', PlaceList.NameMaxLength + 1), "Le nom est trop long : 80 caractères au plus.");
        var first = await CreateListAsync(client, "urgence hiver");
        await ShouldRefuseAsync("urgence hiver", "Vous avez déjà une liste « urgence hiver ».");

        // An unknown place, or one no longer in the guide: said, nothing added.
        var unknown = await AddAsync(client, first, 999_999);
        unknown.Headers.Location!.OriginalString.ShouldBe("/mon-espace/listes?erreur=inconnue");
        var (_, lists) = await client.GetPageAsync("/mon-espace/listes?erreur=inconnue");
        lists.QuerySelector(".errors")!.TextContent.ShouldContain("Ce lieu n’est pas dans le guide : rien n’a été ajouté.");
        (await AddAsync(client, "nimporte", ozanam)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        for (var i = 2; i <= PlaceList.MaxListsPerOwner; i++)
        {
            await CreateListAsync(client, $"liste {i}");
        }

        await ShouldRefuseAsync("une de trop", "Vous avez déjà 20 listes : supprimez-en une avant d’en créer une autre.");
        (await AddAsync(client, "nouvelle", ozanam)).Headers.Location!.OriginalString.ShouldBe("/mon-espace/listes?erreur=trop");

        // Someone else's list: as if it did not exist.
        var other = await AsAsync(app, OtherProfessional);
        (await AddAsync(other, first, ozanam)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.PlaceLists.CountAsync())).ShouldBe(PlaceList.MaxListsPerOwner);
        (await app.WithDbAsync(db => db.PlaceListItems.CountAsync())).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_SharedWithTheBody_ColleagueSeesAndPrintsNobodyElse(string engine)
    {
        await using var app = new ReperesApp(engine);
        var owner = await AsAsync(app, Professional);
        var ozanam = await IdOfAsync(app, Ozanam);
        var restos = await IdOfAsync(app, Restos);
        var id = await CreateListAsync(owner, "urgence hiver");
        await AddAsync(owner, id, ozanam);
        await AddAsync(owner, id, restos);
        await ListActionAsync(owner, id, "Note", new() { ["lieu"] = $"{ozanam}", ["note"] = "demander Anne" });
        var page = $"/mon-espace/listes/{id}";
        var (_, list) = await owner.GetPageAsync(page);
        list.QuerySelector("input[name=avec]")!.ParentElement!.TextContent.ShouldContain("Mes collègues de CDAS de Brest Rive droite");
        (await ListActionAsync(owner, id, "Share", new() { ["avec"] = "organisme" }, page)).Headers.Location!.OriginalString.ShouldBe($"{page}?fait=partagee");
        var body = await app.WithDbAsync(db => db.PartnerBodies.Where(b => b.Name == "CDAS de Brest Rive droite").Select(b => b.Id).SingleAsync());
        (await app.WithDbAsync(db => db.PlaceLists.SingleAsync(l => l.Id == id))).ShouldSatisfyAllConditions(
            l => l.Sharing.ShouldBe(ListSharing.Body),
            l => l.SharedBodyId.ShouldBe(body));

        // The colleague sees it, read-only, and prints it.
        var colleague = await AsAsync(app, Colleague);
        var (_, lists) = await colleague.GetPageAsync("/mon-espace/listes");
        lists.QuerySelectorAll(".results h3 a").Select(a => a.TextContent).ShouldContain("urgence hiver");
        var (seen, shared) = await colleague.GetPageAsync(page);
        seen.StatusCode.ShouldBe(HttpStatusCode.OK);
        PlaceNames(shared).Count.ShouldBe(2);
        shared.QuerySelectorAll("form textarea, form[action*=handler]").Length.ShouldBe(0, "read-only for colleagues");
        shared.QuerySelector(".list-places")!.TextContent.ShouldContain("demander Anne");
        var (printed, print) = await colleague.GetPageAsync($"{page}/imprimer");
        printed.StatusCode.ShouldBe(HttpStatusCode.OK);
        print.QuerySelectorAll(".slip-place").Length.ShouldBe(2);
        print.QuerySelectorAll(".slip-place .print-qr svg").Length.ShouldBe(2);
        print.QuerySelectorAll(".slip-week-title").Length.ShouldBeGreaterThanOrEqualTo(2);
        print.QuerySelector(".list-print-place .slip-note")!.TextContent.ShouldContain("demander Anne");
        var forged = await ListActionAsync(colleague, id, "Rename", new() { ["Name"] = "à moi" });
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ListActionAsync(colleague, id, "Remove", new() { ["lieu"] = $"{ozanam}" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Another body, a structure's member, an account awaiting validation, a visitor: never.
        foreach (var email in new[] { OtherProfessional, ManagerA })
        {
            var stranger = await AsAsync(app, email);
            (await stranger.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            (await stranger.GetAsync($"{page}/imprimer")).StatusCode.ShouldBe(HttpStatusCode.NotFound, email);
            var (_, theirs) = await stranger.GetPageAsync("/mon-espace/listes");
            theirs.QuerySelectorAll(".results h3 a").Select(a => a.TextContent).ShouldNotContain("urgence hiver");
        }

        var pending = await AsAsync(app, Pending);
        (await pending.GetAsync("/mon-espace/listes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await pending.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var anonymous = await app.CreateBrowserLikeClient().GetAsync(page);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        anonymous.Headers.Location!.OriginalString.ShouldContain("/connexion");

        // No longer shared: the colleague no longer sees it.
        await ListActionAsync(owner, id, "Unshare", [], page);
        (await colleague.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.WithDbAsync(db => db.PlaceLists.SingleAsync(l => l.Id == id))).Name.ShouldBe("urgence hiver");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Lists_MemberWithoutBody_SharesWithTheTeamOfTheirStructureOnly(string engine)
    {
        await using var app = new ReperesApp(engine);
        var manager = await AsAsync(app, ManagerA);
        var id = await CreateListAsync(manager, "partenaires de la halte");
        await AddAsync(manager, id, await IdOfAsync(app, Restos));
        var page = $"/mon-espace/listes/{id}";
        var (_, list) = await manager.GetPageAsync(page);
        var option = list.QuerySelector("input[name=avec]")!;
        option.ParentElement!.TextContent.ShouldContain("L’équipe de");
        (await ListActionAsync(manager, id, "Share", new() { ["avec"] = option.GetAttribute("value")! }, page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var ozanam = await IdOfAsync(app, Ozanam);
        (await app.WithDbAsync(db => db.PlaceLists.SingleAsync(l => l.Id == id))).ShouldSatisfyAllConditions(
            l => l.Sharing.ShouldBe(ListSharing.Structure),
            l => l.SharedStructureId.ShouldBe(ozanam),
            l => l.SharedBodyId.ShouldBeNull());

        (await (await AsAsync(app, EditorA)).GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await AsAsync(app, ManagerB)).GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await AsAsync(app, Professional)).GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Sharing with a structure one is not a member of is refused.
        (await ListActionAsync(manager, id, "Unshare", [], page)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var restos = await IdOfAsync(app, Restos);
        var refused = await ListActionAsync(manager, id, "Share", new() { ["avec"] = $"{restos}" }, page);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync(db => db.PlaceLists.SingleAsync(l => l.Id == id))).Sharing.ShouldBe(ListSharing.Private);
    }
}
