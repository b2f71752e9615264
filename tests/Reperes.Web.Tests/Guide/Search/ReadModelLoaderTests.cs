using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Search;

/// <summary>The index as the loader reads it: PostgreSQL's tsvector text and FTS5's columns.</summary>
public sealed class ReadModelLoaderTests
{
    [Fact]
    public void ParseVector_QuotesBackslashesAndWeights_ReadAsPostgresWritesThem()
    {
        // 'aujourd''hui' and 'a\\b' are how PostgreSQL writes a lexeme holding a quote or a backslash.
        var row = ReadModelLoader.ParseVector(7, @"'aujourd''hui':1A 'a\\b':2 'repas':3,5B,9 'sans'", new ReadModelLoader.LexemePool());

        row.Id.ShouldBe(7);
        row.Tokens.Select(t => t.Token).ShouldBe(["aujourd'hui", @"a\b", "repas", "sans"]);
        // Position << 2 | weight (A = 3 … D = 0).
        row.Tokens[0].Positions.ShouldBe([(1 << 2) | 3]);
        row.Tokens[1].Positions.ShouldBe([2 << 2]);
        row.Tokens[2].Positions.ShouldBe([3 << 2, (5 << 2) | 2, 9 << 2]);
        row.Tokens[3].Positions.ShouldBe([]);
    }

    [Fact]
    public void ParseVector_SameLexemeInTwoRows_SharesOneString()
    {
        var lexemes = new ReadModelLoader.LexemePool();

        var first = ReadModelLoader.ParseVector(1, "'repas':1", lexemes);
        var second = ReadModelLoader.ParseVector(2, "'douch':1 'repas':2", lexemes);

        ReferenceEquals(first.Tokens[0].Token, second.Tokens[1].Token).ShouldBeTrue();
    }

    [Fact]
    public void Tokenize_ThreeColumns_CountsEachTokenPerColumnInLowerCase()
    {
        var long70 = new string('x', 70);
        var row = ReadModelLoader.Tokenize(3, "Repas repas", $"repas chaud {long70}", "alimentation", new ReadModelLoader.LexemePool());

        row.Length.ShouldBe(6);
        var data = row.Tokens.ToDictionary(t => t.Token, t => t.Data);
        // Ten bits per column: name, body, categories.
        data["repas"].ShouldBe(2 | (1 << 10));
        data["chaud"].ShouldBe(1 << 10);
        data[long70].ShouldBe(1 << 10);
        data["alimentation"].ShouldBe(1 << 20);
    }
}
