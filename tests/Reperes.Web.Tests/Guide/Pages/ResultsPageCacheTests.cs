using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reperes.Web.Core.Structures;
using Reperes.Web.Data;
using Reperes.Web.Guide.Pages;
using Reperes.Web.Tests.Infrastructure;
using Reperes.Web.Tests.Orientation;

namespace Reperes.Web.Tests.Guide.Pages;

/// <summary>
/// Results pages served as rendered before: only to people who see them alike, only with the very answer they were
/// rendered from, and always with the person's own form protection token.
/// </summary>
public sealed partial class ResultsPageCacheTests
{
    private const string Search = "/recherche?q=manger";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex Token();

    private static async Task<string> PageAsync(HttpClient client, string url = Search)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_SameAnswerAskedThrice_ThirdServedWithItsOwnWorkingToken(string engine)
    {
        await using var app = new ReperesApp(engine);
        var pages = app.Services.GetRequiredService<ResultsPageCache>();
        var (second, client, third, again, counted) = await app.WithoutCacheResetAsync(async () =>
        {
            await PageAsync(app.CreateBrowserLikeClient());
            var second = await PageAsync(app.CreateBrowserLikeClient());
            var (servedBefore, renderedBefore) = pages.Counts;

            var client = app.CreateBrowserLikeClient();
            var third = await PageAsync(client);
            var again = await PageAsync(client);
            return (second, client, third, again, pages.Counts == (servedBefore + 2, renderedBefore));
        });

        counted.ShouldBeTrue("the third and fourth pages are served as kept: the form protection's cookie does not make a page one's own");
        Token().Replace(third, "").ShouldBe(Token().Replace(second, ""));
        Token().Replace(again, "").ShouldBe(Token().Replace(second, ""));
        Token().Match(third).Value.ShouldNotBe(Token().Match(second).Value, "each person gets the token of their own cookie");
        var form = (await Html.ParseAsync(again)).QuerySelectorAll("form.slip-add").First();
        var added = await client.SubmitAsync(form);
        added.StatusCode.ShouldBe(HttpStatusCode.Redirect, "the token put in the kept page is accepted");
        (await PageAsync(client)).ShouldContain("Dans ma fiche d’orientation");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_VisitorWithASlip_GetsTheirOwnPageAndOthersNotTheirs(string engine)
    {
        await using var app = new ReperesApp(engine);
        var pages = app.Services.GetRequiredService<ResultsPageCache>();
        var withSlip = app.CreateBrowserLikeClient();
        var form = (await Html.ParseAsync(await PageAsync(withSlip))).QuerySelectorAll("form.slip-add").First();
        (await withSlip.SubmitAsync(form)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (own, anyone, servedBefore, renderedBefore) = await app.WithoutCacheResetAsync(async () =>
        {
            await PageAsync(app.CreateBrowserLikeClient());
            await PageAsync(app.CreateBrowserLikeClient());
            var (servedBefore, renderedBefore) = pages.Counts;
            var own = await PageAsync(withSlip);
            var anyone = await PageAsync(app.CreateBrowserLikeClient());
            return (own, anyone, servedBefore, renderedBefore);
        });

        own.ShouldContain("Dans ma fiche d’orientation");
        own.ShouldContain("Ma fiche (1)");
        anyone.ShouldNotContain("Dans ma fiche d’orientation");
        anyone.ShouldNotContain("Ma fiche (1)");
        pages.Counts.ShouldBe((servedBefore + 1, renderedBefore), "the page with a slip is rendered apart, not counted as alike");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_StructureTakenOffline_PageRenderedAgainWithoutIt(string engine)
    {
        await using var app = new ReperesApp(engine);
        var pages = app.Services.GetRequiredService<ResultsPageCache>();
        await PageAsync(app.CreateBrowserLikeClient());
        var kept = await PageAsync(app.CreateBrowserLikeClient());
        var first = (await Html.ParseAsync(kept)).QuerySelector("li.result h2 a")!.GetAttribute("href")!;

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReperesDbContext>();
            var slug = first["/structure/".Length..];
            var structure = await db.Structures.SingleAsync(s => s.Slug == slug);
            var coordinator = await db.Users.SingleAsync(u => u.Email == "coordination@demo.reperes.example");
            (await scope.ServiceProvider.GetRequiredService<StructureWriter>().ChangeStatusAsync(StructureAuthor.Of(coordinator), structure, StructureStatus.Offline, UpdatedDate.Moves, CancellationToken.None))
                .ShouldBe(StatusChangeOutcome.Changed);
        }

        var (servedBefore, renderedBefore) = pages.Counts;
        var after = await PageAsync(app.CreateBrowserLikeClient());

        after.ShouldNotContain($"href=\"{first}\"");
        pages.Counts.ShouldBe((servedBefore, renderedBefore + 1));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NewMinuteOrOtherLanguage_RenderedAgain(string engine)
    {
        await using var app = new ReperesApp(engine);
        var pages = app.Services.GetRequiredService<ResultsPageCache>();
        var english = app.CreateBrowserLikeClient();
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        var (french, inEnglish, servedBefore, renderedBefore) = await app.WithoutCacheResetAsync(async () =>
        {
            await PageAsync(app.CreateBrowserLikeClient());
            var french = await PageAsync(app.CreateBrowserLikeClient());
            var (servedBefore, renderedBefore) = pages.Counts;
            var inEnglish = await PageAsync(english);
            app.Clock.Now = app.Clock.Now.AddMinutes(1);
            await PageAsync(app.CreateBrowserLikeClient());
            return (french, inEnglish, servedBefore, renderedBefore);
        });

        inEnglish.ShouldNotBe(french);
        inEnglish.ShouldContain("lang=\"en\"");
        pages.Counts.ShouldBe((servedBefore, renderedBefore + 2));
    }
}
