using System.Net;
using Microsoft.EntityFrameworkCore;
using Reperes.Web.Core.Structures;
using Reperes.Web.Tests.Infrastructure;
using static Reperes.Web.Tests.Publishing.Sheet.SheetForms;

namespace Reperes.Web.Tests.Publishing.Sheet;

/// <summary>Every route of the edit area refuses whoever may not edit the sheet, for reading and for writing.</summary>
public sealed class EditAreaAccessTests
{
    private sealed record State(string Name, int Services, int Notices, int Revisions, string? ShowerHours);

    private static Task<State> StateAsync(ReperesApp app) => app.WithDbAsync(async db => new State(
        await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Name).SingleAsync(),
        await db.Services.CountAsync(),
        await db.Notices.CountAsync(),
        await db.SheetRevisions.CountAsync(),
        await db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => v.OpeningHours).SingleAsync()));

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EveryRoute_EditorOrManagerOfAnotherStructure_IsRefusedAndNothingChanges(string engine)
    {
        await using var app = new ReperesApp(engine);
        var (service, notice) = await app.WithDbAsync(async db => (
            await db.Services.Where(v => v.Structure.Slug == Ozanam && v.Name == "Douches").Select(v => v.Id).SingleAsync(),
            await db.Notices.Where(n => n.Structure.Slug == Ozanam).Select(n => n.Id).SingleAsync()));
        var revision = await app.WithDbAsync(async db =>
        {
            var id = await db.Structures.Where(s => s.Slug == Ozanam).Select(s => s.Id).SingleAsync();
            var row = new SheetRevision(id, "seed", "Quelqu’un", ReperesApp.DefaultNow.AddDays(-1), [new FieldChange(SheetFields.Name, "Ancien nom", "Halte Accueil Frédéric Ozanam")]);
            db.SheetRevisions.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        var before = await StateAsync(app);
        (string Url, (string, string)[] Fields)[] routes =
        [
            (Area("modifier"), [("Input.Name", "Piratée"), ("Input.Summary", "Piratée"), ("action", "preview")]),
            (Area("services/nouveau"), [("Input.Category", "repas"), ("Input.Name", "Piraté")]),
            (Area($"services/{service}"), [("Input.Category", "douche"), ("Input.Hours.Mode", "expert"), ("Input.Hours.Expert", "24/7")]),
            (Area($"services/{service}/retirer"), []),
            (Area("fermetures"), [("Input.Kind", "Closure"), ("Input.StartsOn", "2026-11-24"), ("Input.EndsOn", "2026-11-25")]),
            (Area($"fermetures/{notice}/retirer"), []),
            (Area($"historique/{revision}/retablir"), []),
            (Area("historique/0/retablir"), []),
        ];

        foreach (var email in new[] { Editor, OtherManager })
        {
            var client = await LoggedInAsync(app, email);
            foreach (var (url, fields) in routes)
            {
                var get = await client.GetAsync(url);
                get.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"GET {url} as {email}");
                var post = await ForgeAsync(client, url, fields);
                post.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"POST {url} as {email}");
            }

            // The history stays readable by the editor, without the means to restore.
            var (history, page) = await client.GetPageAsync(Area("historique"));
            if (email == Editor)
            {
                history.StatusCode.ShouldBe(HttpStatusCode.OK);
                page.QuerySelectorAll("a").ShouldNotContain(a => (a.GetAttribute("href") ?? "").EndsWith("/retablir", StringComparison.Ordinal));
            }
        }

        var anonymous = app.CreateBrowserLikeClient();
        foreach (var (url, _) in routes)
        {
            (await anonymous.GetAsync(url)).Headers.Location!.OriginalString.ShouldContain("/connexion", Case.Insensitive, url);
        }

        (await StateAsync(app)).ShouldBe(before);
    }
}
