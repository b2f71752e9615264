using Reperes.Web.Core.Taxonomy;
using Reperes.Web.Core.Text;
using Reperes.Web.Guide.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// What a word or a phrase of the lexicon means: the categories it leads to (<see cref="PrimaryIds"/> first, the
/// others after), the public of people who say it, and for an abbreviation what it stands for.
/// </summary>
public sealed record Lexeme(string Text, IReadOnlyList<int> CategoryIds, IReadOnlyList<int> PrimaryIds, bool Weak, LocalizedText? Means, string? Audience);

/// <summary>A phrase of the lexicon: the stems of all its words (matched in that order), and its meaningful words (folded) and their stems.</summary>
public sealed record LexiconPhrase(string[] Stems, string[] ContentWords, string[] ContentStems, Lexeme Meaning);

/// <summary>
/// Everything the search knows of words: the categories' names and synonyms (taxonomy), the needs' names, and the
/// reviewed vocabulary of search-vocabulary.json (fillers, weak words, abbreviations, situations, everyday words).
/// Single words are looked up by their stem, abbreviations as written; phrases by the stems of their words.
/// </summary>
public sealed class SearchLexicon
{
    private readonly Dictionary<string, Lexeme> words;
    private readonly Dictionary<string, Lexeme> exactWords;
    private readonly Dictionary<string, Lexeme> abbreviations;
    private readonly HashSet<string> fillers;
    private readonly Dictionary<string, string> displayWords;

    private SearchLexicon(Dictionary<string, Lexeme> words, Dictionary<string, Lexeme> exactWords, Dictionary<string, Lexeme> abbreviations, List<LexiconPhrase> phrases, HashSet<string> fillers, Dictionary<string, string> displayWords)
    {
        this.words = words;
        this.exactWords = exactWords;
        this.abbreviations = abbreviations;
        this.fillers = fillers;
        this.displayWords = displayWords;
        Phrases = phrases;
        CorrectionWords = displayWords.Keys.Where(w => w.Length >= 3 && !IsFiller(w) && !abbreviations.ContainsKey(w)).Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Phrases, longest first: "je suis à la rue" is tried before "à la rue".</summary>
    public IReadOnlyList<LexiconPhrase> Phrases { get; }

    /// <summary>Folded whole words of the lexicon, towards which a typo may be corrected (abbreviations aside).</summary>
    public IReadOnlyList<string> CorrectionWords { get; }

    /// <summary>A word that says nothing of a need ("je", "cherche", "où", "please").</summary>
    public bool IsFiller(string foldedWord) => TextNormalizer.IsStopWord(foldedWord) || fillers.Contains(foldedWord);

    /// <summary>
    /// The meaning of a single word: an abbreviation as written (or its plural); any other word as written, else by
    /// its stem, so that words sharing a stem keep their own meaning ("cours", "courses", "courir").
    /// </summary>
    public Lexeme? Word(string foldedWord) =>
        abbreviations.GetValueOrDefault(foldedWord)
        ?? (foldedWord.Length > 2 && foldedWord[^1] == 's' ? abbreviations.GetValueOrDefault(foldedWord[..^1]) : null)
        ?? exactWords.GetValueOrDefault(foldedWord)
        ?? words.GetValueOrDefault(TextNormalizer.Stem(foldedWord));

    /// <summary>How a folded word of the lexicon is written (with its accents), for showing a correction.</summary>
    public string Display(string foldedWord) => displayWords.GetValueOrDefault(foldedWord, foldedWord);

    /// <summary>The lexicon of the given taxonomy (its categories with the ids of this database) and vocabulary.</summary>
    public static SearchLexicon Build(IReadOnlyList<NeedInfo> needs, TaxonomyFile taxonomy, SearchVocabularyFile vocabulary)
    {
        var categories = needs.SelectMany(n => n.Categories).ToDictionary(c => c.Code, StringComparer.Ordinal);
        var builder = new Builder(vocabulary.Fillers.Select(TextFolding.Fold).Select(f => f.Replace(" ", "", StringComparison.Ordinal)));
        var seeds = taxonomy.Needs.SelectMany(n => n.Categories).ToDictionary(c => c.Code, StringComparer.Ordinal);

        foreach (var category in categories.Values)
        {
            // The database's synonyms, and those shipped since the database was created.
            var synonyms = category.Synonyms.Concat(seeds.TryGetValue(category.Code, out var seed) ? seed.Synonyms : []);
            // Its name in the interface's other languages too: a person types the words the page shows them.
            foreach (var text in synonyms.Append(category.NameFr).Append(category.NameEn).Concat(OtherLanguages(seed?.Name)))
            {
                builder.Add(text, new Meaning([category.Id], [], Weak: false, Abbreviation: false, null, null, WholeNeed: false));
            }
        }

        var needSeeds = taxonomy.Needs.ToDictionary(n => n.Code, StringComparer.Ordinal);
        foreach (var need in needs)
        {
            var meaning = new Meaning(need.Categories.Select(c => c.Id).ToList(), [], Weak: false, Abbreviation: false, null, null, WholeNeed: true);
            builder.Add(need.NameFr, meaning);
            builder.Add(need.NameEn, meaning);
            foreach (var text in OtherLanguages(needSeeds.GetValueOrDefault(need.Code)?.Name))
            {
                builder.Add(text, meaning);
            }
        }

        int Id(string code, VocabularyEntry entry) => categories.TryGetValue(code, out var c)
            ? c.Id
            : throw new InvalidDataException($"search-vocabulary.json: unknown category '{code}' (for '{entry.Words[0]}').");

        foreach (var (entries, weak, abbreviation) in new[]
        {
            (vocabulary.Weak, true, false), (vocabulary.Abbreviations, false, true), (vocabulary.Situations, false, false), (vocabulary.Words, false, false),
            (vocabulary.Languages ?? [], false, false),
        })
        {
            foreach (var entry in entries)
            {
                if (entry.Audience is { } audience && !GuideVocabulary.Audiences.Contains(audience))
                {
                    throw new InvalidDataException($"search-vocabulary.json: unknown audience '{audience}' (for '{entry.Words[0]}').");
                }

                var meaning = new Meaning(
                    entry.Categories.Select(code => Id(code, entry)).ToList(),
                    (entry.Also ?? []).Select(code => Id(code, entry)).ToList(),
                    weak,
                    abbreviation,
                    entry.Means,
                    entry.Audience,
                    WholeNeed: false);
                foreach (var text in entry.Words)
                {
                    builder.Add(text, meaning);
                }
            }
        }

        return builder.Build();
    }

    private static IEnumerable<string> OtherLanguages(LocalizedText? text) =>
        text?.Others?.Values.Where(v => v.ValueKind == System.Text.Json.JsonValueKind.String).Select(v => v.GetString()!) ?? [];

    /// <param name="WholeNeed">A need's name: all its categories, unless the same words also name some of them.</param>
    private sealed record Meaning(IReadOnlyList<int> Primary, IReadOnlyList<int> Also, bool Weak, bool Abbreviation, LocalizedText? Means, string? Audience, bool WholeNeed);

    /// <summary>Collects meanings by key; a key given several meanings leads to all their categories.</summary>
    private sealed class Builder(IEnumerable<string> fillers)
    {
        private readonly HashSet<string> fillers = fillers.ToHashSet(StringComparer.Ordinal);
        private readonly Dictionary<string, Entry> words = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Entry> exactWords = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Entry> abbreviations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string[] Stems, string[] Content, Entry Entry)> phrases = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> display = new(StringComparer.Ordinal);

        public void Add(string text, Meaning meaning)
        {
            var tokens = TextNormalizer.Tokens(text);
            if (tokens.Count == 0)
            {
                return;
            }

            foreach (var (typed, folded) in tokens)
            {
                // Shown as written with its accents when the lexicon has it so anywhere ("hébergement").
                var written = typed.ToLowerInvariant();
                if (!display.TryGetValue(folded, out var known) || (known == folded && written != folded))
                {
                    display[folded] = written;
                }
            }

            var stems = tokens.Select(t => TextNormalizer.Stem(t.Folded)).ToArray();
            if (tokens.Count == 1)
            {
                if (meaning.Abbreviation)
                {
                    Add(abbreviations, tokens[0].Folded, text, meaning);
                }
                else
                {
                    Add(exactWords, tokens[0].Folded, text, meaning);
                    Add(words, stems[0], text, meaning);
                }

                return;
            }

            var phraseKey = string.Join(' ', stems);
            if (!phrases.TryGetValue(phraseKey, out var phrase))
            {
                var content = tokens.Where(t => !TextNormalizer.IsStopWord(t.Folded) && !fillers.Contains(t.Folded)).Select(t => t.Folded).ToArray();
                phrases[phraseKey] = phrase = (stems, content, new Entry(text));
            }

            phrase.Entry.Add(meaning);
        }

        private static void Add(Dictionary<string, Entry> map, string key, string text, Meaning meaning)
        {
            if (!map.TryGetValue(key, out var entry))
            {
                map[key] = entry = new Entry(text);
            }

            entry.Add(meaning);
        }

        public SearchLexicon Build() => new(
            words.ToDictionary(w => w.Key, w => w.Value.ToLexeme(), StringComparer.Ordinal),
            exactWords.ToDictionary(w => w.Key, w => w.Value.ToLexeme(), StringComparer.Ordinal),
            abbreviations.ToDictionary(w => w.Key, w => w.Value.ToLexeme(), StringComparer.Ordinal),
            phrases.Values
                .OrderByDescending(p => p.Stems.Length).ThenByDescending(p => p.Content.Length).ThenBy(p => p.Entry.Text, StringComparer.Ordinal)
                .Select(p => new LexiconPhrase(p.Stems, p.Content, p.Content.Select(TextNormalizer.Stem).ToArray(), p.Entry.ToLexeme()))
                .ToList(),
            fillers,
            display);
    }

    private sealed class Entry(string text)
    {
        private readonly HashSet<int> primary = [];
        private readonly HashSet<int> wholeNeed = [];
        private readonly HashSet<int> also = [];
        private bool weak = true;
        private LocalizedText? means;
        private string? audience;

        public string Text => text;

        public void Add(Meaning meaning)
        {
            (meaning.WholeNeed ? wholeNeed : primary).UnionWith(meaning.Primary);
            also.UnionWith(meaning.Also);
            // A key shared by a weak and a strong meaning is strong ("aide" alone is weak; nothing else is).
            weak &= meaning.Weak;
            means ??= meaning.Means;
            audience ??= meaning.Audience;
        }

        // "Se soigner" names a need and is a synonym of free medical care: that category first, the need's others after.
        public Lexeme ToLexeme()
        {
            var first = primary.Count > 0 ? primary : wholeNeed;
            return new(text, first.Union(wholeNeed).Union(also).Order().ToList(), first.Order().ToList(), weak, means, audience);
        }
    }
}

/// <summary>
/// The lexicon of the taxonomy in memory, built once and again whenever the catalog reloads the taxonomy (a new list
/// of needs), so that search words always point to this database's categories.
/// </summary>
public sealed class SearchLexicons(GuideCatalog catalog)
{
    private volatile Built? built;

    public SearchLexicon Current
    {
        get
        {
            var needs = catalog.Needs;
            var current = built;
            if (current is null || !ReferenceEquals(current.Needs, needs))
            {
                current = new Built(needs, SearchLexicon.Build(needs, TaxonomyFiles.Taxonomy(), SeedFiles.SearchVocabulary()));
                built = current;
            }

            return current.Lexicon;
        }
    }

    private sealed record Built(IReadOnlyList<NeedInfo> Needs, SearchLexicon Lexicon);
}
