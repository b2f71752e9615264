using Reperes.Web.Core.Text;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Search;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Épicerie SOLIDAIRE", "epicerie solidaire")]
    [InlineData("Cœur", "coeur")]
    [InlineData("l’accueil-de-jour", "l accueil de jour")]
    public void Fold_AccentsCaseAndPunctuation_AreRemoved(string text, string expected) =>
        TextFolding.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(expected.Split(' '));

    [Theory]
    [InlineData("douche", "douches")]
    [InlineData("manger", "mange")]
    [InlineData("journal", "journaux")]
    [InlineData("épicerie", "epiceries")]
    public void Stem_InflectedForms_ShareTheirStem(string a, string b) =>
        TextNormalizer.Terms(a).Single().ShouldBe(TextNormalizer.Terms(b).Single());

    [Fact]
    public void Terms_StopWords_AreDropped() =>
        TextNormalizer.Terms("je cherche où manger pour la nuit").ShouldBe(["mang", "nuit"]);

    [Theory]
    [InlineData("doucha", "douch", 1)]
    [InlineData("douhce", "douche", 1)]
    [InlineData("abc", "xyz", 3)]
    public void Distance_CountsEditsAndTranspositions(string a, string b, int expected) =>
        TextNormalizer.Distance(a, b, 3).ShouldBe(expected);
}
