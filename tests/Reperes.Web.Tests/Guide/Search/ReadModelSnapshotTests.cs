using Reperes.Web.Core.Text;
using Reperes.Web.Guide.Search;

namespace Reperes.Web.Tests.Guide.Search;

public sealed class ReadModelSnapshotTests
{
    [Fact]
    public void FrenchRanks_NamesSharingASortName_OrderAsFrenchOrderComparesTheNames()
    {
        // Accents, case, ligatures and punctuation fold to the same sort name; the names then break the tie.
        string[] names = ["Zoé", "épicerie solidaire", "Cœur", "Epicerie solidaire", "Coeur", "Épicerie  solidaire", "Cœur", "abri", "Épicerie solidaire", "Coeur!"];
        var snapshot = new ReadModelSnapshot
        {
            Docs = [.. names.Select((name, i) => new ReadModelDoc { Id = i + 1, Name = name, SortName = FrenchOrder.Key(name) })],
        };

        var ranks = snapshot.FrenchRanks;

        for (var a = 0; a < names.Length; a++)
        {
            for (var b = 0; b < names.Length; b++)
            {
                Math.Sign(ranks[a].CompareTo(ranks[b])).ShouldBe(Math.Sign(FrenchOrder.Comparer.Compare(names[a], names[b])), $"{names[a]} / {names[b]}");
            }
        }
    }
}
