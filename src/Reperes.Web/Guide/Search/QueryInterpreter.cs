using Reperes.Web.Core.Taxonomy;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// One thing the person asked for, as understood: the words they typed, what is searched (the lexicon's phrase,
/// or a word, corrected when it was misspelt), the categories it leads to (the primary ones first), and the words
/// of the text to look for (all of them for a phrase of several words; none for a situation, which its categories
/// say). The audience is the public of people who speak so, when the lexicon knows it.
/// </summary>
public sealed record QueryTerm(
    string Typed,
    string Searched,
    IReadOnlyList<int> CategoryIds,
    IReadOnlyList<IReadOnlyList<TextForm>> TextWords,
    bool Corrected = false,
    LocalizedText? Means = null,
    IReadOnlyList<int>? PrimaryCategoryIds = null,
    string? Audience = null,
    bool Unknown = false)
{
    public bool HasText => TextWords.Count > 0;

    public IReadOnlyList<int> Primary => PrimaryCategoryIds ?? CategoryIds;

    public static QueryTerm From(string typed, string searched, Lexeme? meaning, IReadOnlyList<IReadOnlyList<TextForm>> text, bool corrected = false) =>
        new(typed, searched, meaning?.CategoryIds ?? [], text, corrected, meaning?.Means, meaning?.PrimaryIds, meaning?.Audience);
}

/// <summary>
/// A query as understood: what will be searched, and the words that were not understood. These are searched too,
/// as typed, without counting as understood: the index may hold them since its vocabulary was last read (a place
/// just renamed or created); otherwise they find nothing and empty nothing.
/// </summary>
public sealed record QueryInterpretation(IReadOnlyList<QueryTerm> Terms, IReadOnlyList<string> NotUnderstood)
{
    public static readonly QueryInterpretation Empty = new([], []);

    /// <summary>True when the person typed words, but none that was understood.</summary>
    public bool NothingUnderstood => Terms.All(t => t.Unknown);
}

/// <summary>
/// Understands a query in everyday words: phrases and situations first ("je suis à la rue", "plus de batterie"),
/// then single words: fillers ignored ("je cherche", "où"), abbreviations and everyday words mapped to categories
/// ("caf", "bouffe"), other words searched in the text when the index knows them, misspelt words corrected to the
/// nearest known whole word ("urgance" → "urgence"), and the rest reported as not understood (it empties nothing).
/// Words like "aide" count only when nothing more precise was said.
/// </summary>
public static class QueryInterpreter
{
    /// <summary>Words read from a query: beyond, a sentence is long enough to be understood from its start.</summary>
    private const int MaxWords = 24;

    public static QueryInterpretation Interpret(string? query, SearchLexicon lexicon, IndexVocabulary index)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return QueryInterpretation.Empty;
        }

        var tokens = TextNormalizer.Tokens(query).Take(MaxWords).ToList();
        var stems = tokens.Select(t => TextNormalizer.Stem(t.Folded)).ToArray();
        var used = new bool[tokens.Count];
        var found = new List<(int Position, QueryTerm Term, bool Weak)>();

        foreach (var phrase in lexicon.Phrases)
        {
            if (phrase.Stems.Length > tokens.Count)
            {
                continue;
            }

            var positions = Contiguous(phrase.Stems, stems, used) ?? Loose(phrase.ContentStems, stems, used, tokens, lexicon);
            if (positions is null)
            {
                continue;
            }

            foreach (var position in positions)
            {
                used[position] = true;
            }

            // A phrase of several meaningful words is also looked for in the text ("restos du cœur" in a name).
            var text = phrase.ContentWords.Length >= 2
                ? phrase.ContentWords.Select(word => (IReadOnlyList<TextForm>)TextNormalizer.Forms(word)).ToList()
                : [];
            var typed = string.Join(' ', positions.Order().Select(p => tokens[p].Typed));
            found.Add((positions.Min(), QueryTerm.From(typed, phrase.Meaning.Text, phrase.Meaning, text), phrase.Meaning.Weak));
        }

        var notUnderstood = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var (typed, folded) = tokens[i];
            if (used[i] || lexicon.IsFiller(folded))
            {
                continue;
            }

            var forms = TextNormalizer.Forms(folded);
            if (lexicon.Word(folded) is { } lexeme)
            {
                found.Add((i, QueryTerm.From(typed, typed, lexeme, [forms]), lexeme.Weak));
            }
            else if (index.Finds(forms))
            {
                found.Add((i, new QueryTerm(typed, typed, [], [forms]), false));
            }
            else if (Correct(folded, lexicon, index) is { } corrected)
            {
                var meaning = lexicon.Word(corrected);
                // The typed word is searched too: it may be in the index since the vocabulary was read.
                var correctedForms = TextNormalizer.Forms(corrected).Concat(forms).Distinct().ToList();
                found.Add((i, QueryTerm.From(typed, lexicon.Display(corrected), meaning, [correctedForms], corrected: true), meaning?.Weak ?? false));
            }
            else
            {
                notUnderstood.Add(typed);
                found.Add((i, new QueryTerm(typed, typed, [], [forms], Unknown: true), true));
            }
        }

        var strong = found.Any(f => !f.Weak && !f.Term.Unknown);
        var terms = found
            .Where(f => !strong || !f.Weak || f.Term.Unknown)
            .OrderBy(f => f.Position)
            .Select(f => f.Term)
            .DistinctBy(t => string.Join(',', t.CategoryIds) + "|" + string.Join(' ', t.TextWords.SelectMany(w => w).Select(f => f.Term)))
            .Take(TextNormalizer.MaxTerms)
            .ToList();
        return new QueryInterpretation(terms, notUnderstood);
    }

    /// <summary>
    /// The nearest known whole word (folded): one edit for words of up to five letters, two beyond; at equal
    /// distance the lexicon's words win (they lead to categories), then the words most places use.
    /// </summary>
    public static string? Correct(string folded, SearchLexicon lexicon, IndexVocabulary index)
    {
        if (folded.Length < 4 || folded.Any(char.IsDigit))
        {
            return null;
        }

        if (index.Corrections.TryGetValue(folded, out var known) && ReferenceEquals(known.Lexicon, lexicon))
        {
            return known.Correction;
        }

        var max = folded.Length <= 5 ? 1 : 2;
        string? best = null;
        var bestRank = (Distance: max + 1, FromIndex: 1, Documents: 0);
        foreach (var (candidate, fromIndex) in lexicon.CorrectionWords.Select(w => (w, 0)).Concat(index.Words.Select(w => (w, 1))))
        {
            if (candidate.Length < 3 || Math.Abs(candidate.Length - folded.Length) > max || lexicon.IsFiller(candidate))
            {
                continue;
            }

            var distance = TextNormalizer.Distance(folded, candidate, max);
            if (distance > max)
            {
                continue;
            }

            var documents = fromIndex == 1 ? index.Documents(candidate) : int.MaxValue;
            if (distance < bestRank.Distance
                || (distance == bestRank.Distance && fromIndex < bestRank.FromIndex)
                || (distance == bestRank.Distance && fromIndex == bestRank.FromIndex && documents > bestRank.Documents))
            {
                best = candidate;
                bestRank = (distance, fromIndex, documents);
            }
        }

        // Bounded: what a stream of random words could fill stays small; the vocabulary's next reading starts afresh.
        if (index.Corrections.Count < MaxRememberedCorrections)
        {
            index.Corrections[folded] = (lexicon, best);
        }

        return best;
    }

    private const int MaxRememberedCorrections = 20_000;

    /// <summary>Positions of the phrase's words, one after the other among the words not yet understood.</summary>
    private static int[]? Contiguous(string[] phrase, string[] stems, bool[] used)
    {
        for (var start = 0; start + phrase.Length <= stems.Length; start++)
        {
            var matches = true;
            for (var k = 0; k < phrase.Length && matches; k++)
            {
                matches = !used[start + k] && stems[start + k] == phrase[k];
            }

            if (matches)
            {
                return Enumerable.Range(start, phrase.Length).ToArray();
            }
        }

        return null;
    }

    /// <summary>
    /// Positions of a phrase's meaningful words (at least two) anywhere among the words not yet understood:
    /// "laver mon linge" for "laver linge".
    /// </summary>
    private static int[]? Loose(string[] content, string[] stems, bool[] used, List<(string Typed, string Folded)> tokens, SearchLexicon lexicon)
    {
        if (content.Length < 2)
        {
            return null;
        }

        var positions = new List<int>();
        foreach (var stem in content)
        {
            var position = Enumerable.Range(0, stems.Length).FirstOrDefault(i => !used[i] && !positions.Contains(i) && stems[i] == stem && !lexicon.IsFiller(tokens[i].Folded), -1);
            if (position < 0)
            {
                return null;
            }

            positions.Add(position);
        }

        return positions.ToArray();
    }
}
