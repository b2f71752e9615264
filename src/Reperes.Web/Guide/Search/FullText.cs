namespace Reperes.Web.Guide.Search;

/// <summary>
/// A full-text expression of the search, as a tree: written in each engine's syntax for the SQL search
/// (<see cref="ToSql"/>), and evaluated as is by the read model (<see cref="SearchReadModel"/>), so that both answer
/// the same question.
/// </summary>
public abstract record FullText
{
    /// <summary>A folded word, or every word starting with it (<paramref name="Prefix"/>), in any part of the text.</summary>
    public sealed record Word(string Term, bool Prefix) : FullText;

    /// <summary>A facet token (see <see cref="SearchIndex.FacetTokens"/>): on SQLite, in the column of facets only.</summary>
    public sealed record Facet(string Token) : FullText;

    public sealed record AnyOf(IReadOnlyList<FullText> Parts) : FullText;

    public sealed record AllOf(IReadOnlyList<FullText> Parts) : FullText;

    public static FullText Any(IEnumerable<FullText> parts) => new AnyOf(parts.ToList());

    public static FullText All(IEnumerable<FullText> parts) => new AllOf(parts.ToList());

    /// <summary>The expression in the engine's syntax: FTS5's MATCH on SQLite, to_tsquery's on PostgreSQL.</summary>
    public string ToSql(bool postgres) => this switch
    {
        Word word => postgres
            ? word.Prefix ? word.Term + ":*" : word.Term
            : word.Prefix ? "\"" + word.Term + "\"*" : "\"" + word.Term + "\"",

        // On PostgreSQL no weight label: a weighted query makes the GIN index recheck every row, and the token is unique anyway.
        Facet facet => postgres ? facet.Token : "cats:" + facet.Token,
        AnyOf any => "(" + string.Join(postgres ? " | " : " OR ", any.Parts.Select(p => p.ToSql(postgres))) + ")",
        AllOf all => string.Join(postgres ? " & " : " AND ", all.Parts.Select(p => p.ToSql(postgres))),
        _ => throw new InvalidOperationException(GetType().Name),
    };

    /// <summary>The words and facets in the order they are written (FTS5's bm25 weighs each such phrase).</summary>
    public IEnumerable<FullText> Leaves() => this switch
    {
        AnyOf any => any.Parts.SelectMany(p => p.Leaves()),
        AllOf all => all.Parts.SelectMany(p => p.Leaves()),
        _ => [this],
    };

    /// <summary>The operator at the top once the engine has parsed the text: groups of one are no operator.</summary>
    public FullText Top() => this switch
    {
        AnyOf { Parts.Count: 1 } any => any.Parts[0].Top(),
        AllOf { Parts.Count: 1 } all => all.Parts[0].Top(),
        _ => this,
    };
}
