using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reperes.Web.Api;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>How the search orders what it finds: words answered, through which categories, and how openly.</summary>
[Collection(SharedAppsCollection.Name)]
public sealed class SearchRankingTests(SharedApps apps)
{
    private async Task<SearchResponseDto> SearchAsync(string engine, string query) =>
        (await apps.For(engine).CreateClient().GetFromJsonAsync<SearchResponseDto>("/api/v1/search?pageSize=100&" + query))!;

    private static List<string> Slugs(SearchResponseDto result) => result.Results.Select(r => r.Slug).ToList();

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_Showers_ListTheUnconditionalDayCentreFirstAndTheResidentsOnlyShelterLast(string engine)
    {
        var slugs = Slugs(await SearchAsync(engine, "q=douche"));

        // Ozanam: showers without condition; the CAARUD's are for the people it welcomes, the Mille Pattes' after a
        // registration; Ker Digemer's for its residents, sent by the 115.
        slugs[0].ShouldBe("halte-accueil-ozanam");
        slugs.IndexOf("caarud-brest").ShouldBeGreaterThan(0);
        slugs.IndexOf("vivre-la-rue-mille-pattes").ShouldBeGreaterThan(0);
        slugs[^1].ShouldBe("ker-digemer");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_TheSameCategoryTypedOrChosen_RanksTheSameWay(string engine)
    {
        var typed = Slugs(await SearchAsync(engine, "q=douches"));
        var chosen = Slugs(await SearchAsync(engine, "category=douche"));

        // Equally open places come by relevance for words, in alphabetical order for a category chosen.
        chosen.ShouldBe(typed, ignoreOrder: true);
        chosen[0].ShouldBe(typed[0]);
        chosen[^1].ShouldBe(typed[^1]);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_AudienceChosen_RanksPlacesReservedToItAsOpen(string engine)
    {
        var everyone = Slugs(await SearchAsync(engine, "category=sport"));
        var seniors = Slugs(await SearchAsync(engine, "category=sport&audience=seniors"));

        // Without the filter, a family activity without registration comes before the seniors' activities (with one);
        // for seniors, theirs come right after the place open to everyone.
        everyone[0].ShouldBe("brest-sport-solidaire");
        everyone.IndexOf("centre-social-kerourien").ShouldBeLessThan(everyone.IndexOf("office-des-retraites-brestois"));
        seniors[0].ShouldBe("brest-sport-solidaire");
        seniors.Skip(1).Take(2).ShouldBe(["foyer-laique-saint-marc", "office-des-retraites-brestois"], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_SituationSayingItsPublic_RanksPlacesForThatPublicAsOpen(string engine)
    {
        var result = await SearchAsync(engine, "q=" + Uri.EscapeDataString("je suis à la rue"));

        result.Understood.ShouldHaveSingleItem().Categories.ShouldBe(["accueil-de-jour", "hebergement-urgence", "maraude"], ignoreOrder: true);
        // Day centres, street rounds and the 115, all for people in the street without condition, before the
        // shelters reached only through the 115.
        var slugs = Slugs(result);
        slugs.Take(5).ShouldBe(["croix-rouge-brest", "restos-du-coeur-brest", "vivre-la-rue-mille-pattes", "halte-accueil-ozanam", "siao-115-finistere"], ignoreOrder: true);
        slugs.IndexOf("ker-digemer").ShouldBeGreaterThan(4);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_SeveralWords_PlacesAnsweringMoreOfThemComeFirst(string engine)
    {
        var result = await SearchAsync(engine, "q=" + Uri.EscapeDataString("douche petit déjeuner"));

        result.Understood.Count.ShouldBe(2);
        result.AnswersPartly.ShouldBeFalse();
        result.Results[0].Slug.ShouldBe("halte-accueil-ozanam");
        result.Results.ShouldContain(r => r.Categories.Contains("repas") && !r.Categories.Contains("douche"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NoPlaceAnswersEveryWord_SaysSoAndAnswersTheMost(string engine)
    {
        var result = await SearchAsync(engine, "q=" + Uri.EscapeDataString("coiffeur piscine"));

        result.Total.ShouldBeGreaterThan(0);
        result.AnswersPartly.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_UnknownWordWithAKnownOne_AnswersTheKnownOneAndSaysWhichWasNotUnderstood(string engine)
    {
        var alone = await SearchAsync(engine, "q=douche");
        var mixed = await SearchAsync(engine, "q=douche%20xqzwv");

        mixed.Results.Select(r => r.Id).ShouldBe(alone.Results.Select(r => r.Id));
        mixed.NotUnderstood.ShouldBe(["xqzwv"]);
        mixed.AnswersPartly.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_NothingUnderstood_FindsNothingAndProposesTheNeeds(string engine)
    {
        var result = await SearchAsync(engine, "q=xqzwv");

        result.Total.ShouldBe(0);
        result.NotUnderstood.ShouldBe(["xqzwv"]);
        result.SuggestedNeeds.Count.ShouldBe(9);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_Typo_IsCorrectedToAWholeWord(string engine)
    {
        var result = await SearchAsync(engine, "q=urgance");

        result.Corrections.ShouldBe(["urgance→urgence"]);
        result.Results[0].Categories.ShouldContain("hebergement-urgence");
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task StructuresApi_Words_ComeInTheSameOrderAsTheGuidesSearch(string engine)
    {
        var client = apps.For(engine).CreateClient();
        foreach (var words in new[] { "douche", "j'ai faim", "caf", "je suis à la rue", "avocat gratuit" })
        {
            var guide = await SearchAsync(engine, "q=" + Uri.EscapeDataString(words));
            var structures = await client.GetFromJsonAsync<JsonObject>("/api/v1/structures?per_page=100&q=" + Uri.EscapeDataString(words));

            structures!["items"]!.AsArray().Select(i => (string)i!["slug"]!).ShouldBe(Slugs(guide), words);
        }
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task EnsureBuilt_EmptiedIndex_IsRebuiltAndFindsTheSamePlaces(string engine)
    {
        await using var app = new ReperesApp(engine);
        var client = app.CreateClient();
        var before = await client.GetStringAsync("/api/v1/search?pageSize=100&q=douche");

        await app.WithDbAsync(async db =>
        {
            // What migration 0011 does when the index's format changes; the next start fills it again.
            await db.Database.ExecuteSqlRawAsync("DELETE FROM structure_search");
            await app.Services.GetRequiredService<SearchIndex>().EnsureBuiltAsync(db, NullLogger.Instance);
            return true;
        });

        (await client.GetStringAsync("/api/v1/search?pageSize=100&q=douche")).ShouldBe(before);
    }
}
