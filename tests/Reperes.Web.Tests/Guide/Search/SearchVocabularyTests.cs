using System.Net.Http.Json;
using Reperes.Web.Api;
using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Guide.Data;
using Reperes.Web.Guide.Search;
using Reperes.Web.Tests.Infrastructure;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>
/// Every word of the search's vocabulary (search-vocabulary.json) and every synonym of the taxonomy leads to its
/// categories: in the interpretation, and in a search of the demo data on both engines (a place offering one of
/// them in the first three results).
/// </summary>
[Collection(SharedAppsCollection.Name)]
public sealed class SearchVocabularyTests(SharedApps apps)
{
    /// <summary>Each word or phrase of the vocabulary and of the taxonomy's synonyms, with the categories it must lead to.</summary>
    public static IReadOnlyList<(string Word, IReadOnlyList<string> Categories, bool Abbreviation)> Entries()
    {
        var vocabulary = SeedFiles.SearchVocabulary();
        var entries = new List<(string, IReadOnlyList<string>, bool)>();
        foreach (var (section, abbreviation) in new[] { (vocabulary.Weak, false), (vocabulary.Abbreviations, true), (vocabulary.Situations, false), (vocabulary.Words, false), (vocabulary.Languages ?? [], false) })
        {
            foreach (var entry in section)
            {
                var categories = entry.Categories.Concat(entry.Also ?? []).ToList();
                entries.AddRange(entry.Words.Select(w => (w, (IReadOnlyList<string>)categories, abbreviation)));
            }
        }

        foreach (var category in TaxonomyFiles.Taxonomy().Needs.SelectMany(n => n.Categories))
        {
            entries.AddRange(category.Synonyms.Select(s => (s, (IReadOnlyList<string>)[category.Code], false)));

            // Its name in the interface's other languages.
            entries.AddRange((category.Name.Others ?? []).Select(n => (n.Value.GetString()!, (IReadOnlyList<string>)[category.Code], false)));
        }

        return entries;
    }

    /// <summary>The lexicon of the shipped files, with categories numbered in their order (no database needed).</summary>
    public static (SearchLexicon Lexicon, IReadOnlyDictionary<int, string> Codes) Lexicon()
    {
        var taxonomy = TaxonomyFiles.Taxonomy();
        var id = 0;
        var needs = taxonomy.Needs.Select((n, i) => new NeedInfo(i + 1, n.Code, n.Name.Fr, n.Name.En, n.Description.Fr, n.Description.En, n.Pictogram, n.Color,
            n.Categories.Select(c => new CategoryInfo(++id, c.Code, c.Name.Fr, c.Name.En, i + 1, n.Code, c.Thematiques, c.Synonyms)).ToList())).ToList();
        return (SearchLexicon.Build(needs, taxonomy, SeedFiles.SearchVocabulary()), needs.SelectMany(n => n.Categories).ToDictionary(c => c.Id, c => c.Code));
    }

    [Fact]
    public void Interpret_EveryVocabularyWord_LeadsToItsCategories()
    {
        var (lexicon, codes) = Lexicon();
        var wrong = new List<string>();
        foreach (var (word, categories, _) in Entries())
        {
            var understood = QueryInterpreter.Interpret(word, lexicon, IndexVocabulary.Empty);
            var found = understood.Terms.SelectMany(t => t.CategoryIds).Select(i => codes[i]).ToHashSet();
            if (!categories.Any(found.Contains) || understood.NotUnderstood.Count > 0)
            {
                wrong.Add($"{word} → [{string.Join(", ", found)}], not understood [{string.Join(", ", understood.NotUnderstood)}]; expected one of [{string.Join(", ", categories)}]");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Vocabulary_Fillers_AreNotWordsOfAnEntry()
    {
        var vocabulary = SeedFiles.SearchVocabulary();
        var fillers = vocabulary.Fillers.Select(TextFolding.Fold).ToHashSet();
        var words = vocabulary.Entries.SelectMany(e => e.Words).Where(w => TextNormalizer.Words(w).Count == 1).Select(TextFolding.Fold);

        fillers.Count.ShouldBe(vocabulary.Fillers.Count, "a filler is listed twice");
        words.Where(fillers.Contains).ShouldBeEmpty();
        vocabulary.Entries.Where(e => e.Categories.Count == 0).Select(e => e.Words[0]).ShouldBeEmpty();
        vocabulary.Abbreviations.Where(e => e.Means is null).Select(e => e.Words[0]).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("passer le permis", "aide-au-permis")]
    [InlineData("pass", "soins-medicaux-gratuits")]
    [InlineData("j'ai besoin d'un avocat", "conseil-juridique")]
    [InlineData("je suis à la rue", "hebergement-urgence")]
    [InlineData("plus de batterie", "accueil-de-jour")]
    [InlineData("CAF", "acces-aux-droits")]
    public void Interpret_SentencesAndAbbreviations_LeadToTheirNeed(string query, string category)
    {
        var (lexicon, codes) = Lexicon();
        var understood = QueryInterpreter.Interpret(query, lexicon, IndexVocabulary.Empty);

        understood.Terms.SelectMany(t => t.CategoryIds).Select(i => codes[i]).ShouldContain(category);
        understood.NotUnderstood.ShouldBeEmpty();
    }

    [Fact]
    public void Interpret_WeakWordWithAPreciseOne_KeepsOnlyThePreciseOne()
    {
        var (lexicon, codes) = Lexicon();

        var alone = QueryInterpreter.Interpret("aide", lexicon, IndexVocabulary.Empty);
        var withFood = QueryInterpreter.Interpret("aide pour manger", lexicon, IndexVocabulary.Empty);

        alone.Terms.ShouldHaveSingleItem();
        withFood.Terms.ShouldHaveSingleItem().CategoryIds.Select(i => codes[i]).ShouldContain("repas");
    }

    [Fact]
    public void Interpret_UnknownWords_AreReportedAndDoNotHideTheKnownOnes()
    {
        var (lexicon, codes) = Lexicon();

        var understood = QueryInterpreter.Interpret("douche xqzwv", lexicon, IndexVocabulary.Empty);

        understood.Terms.Where(t => !t.Unknown).ShouldHaveSingleItem().CategoryIds.Select(i => codes[i]).ShouldBe(["douche"]);
        understood.NotUnderstood.ShouldBe(["xqzwv"]);
        understood.NothingUnderstood.ShouldBeFalse();
    }

    [Theory]
    [InlineData("urgance", "urgence")]
    [InlineData("ebergement", "hébergement")]
    [InlineData("vettements", "vêtements")]
    [InlineData("psycologue", "psychologue")]
    public void Interpret_Typo_IsCorrectedToAWholeWord(string typed, string corrected)
    {
        var (lexicon, _) = Lexicon();

        var term = QueryInterpreter.Interpret(typed, lexicon, IndexVocabulary.Empty).Terms.ShouldHaveSingleItem();

        term.Corrected.ShouldBeTrue();
        term.Typed.ShouldBe(typed);
        term.Searched.ShouldBe(corrected);
        term.CategoryIds.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Search_EveryVocabularyWord_FindsAPlaceOfItsCategoriesInTheFirstThree(string engine)
    {
        var app = apps.For(engine);
        var client = app.CreateClient();
        var offered = await app.WithDbAsync(db => Task.FromResult(db.Services
            .Where(v => v.Structure.Status == Web.Core.Structures.StructureStatus.Online)
            .Select(v => v.Category.Code).Distinct().ToHashSet()));
        var wrong = new List<string>();
        // A word of several entries ("courrier": to receive, to write) may lead to the categories of any of them.
        var words = Entries()
            .GroupBy(e => string.Join(' ', TextNormalizer.Words(e.Word)))
            .Select(g => (Word: g.First().Word, Categories: (IReadOnlyList<string>)g.SelectMany(e => e.Categories).Distinct().ToList()))
            .Where(e => e.Categories.Any(offered.Contains));
        foreach (var (word, categories) in words)
        {
            var result = (await client.GetFromJsonAsync<SearchResponseDto>("/api/v1/search?pageSize=3&q=" + Uri.EscapeDataString(word)))!;
            if (!result.Results.Any(r => r.Categories.Any(categories.Contains)))
            {
                wrong.Add($"{word} → {string.Join(" | ", result.Results.Select(r => r.Slug))}");
            }
        }

        wrong.ShouldBeEmpty();
    }
}
