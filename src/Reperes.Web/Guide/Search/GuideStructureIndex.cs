using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>The guide's side of every structure write: its search index inside the transaction, its communes after.</summary>
public sealed class GuideStructureIndex(SearchIndex index, CommuneDirectory communes) : IStructureIndex
{
    public Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) =>
        index.IndexAsync(db, structureIds, cancellationToken);

    public void Committed(IReadOnlyCollection<int> structureIds, bool placesChanged)
    {
        if (placesChanged)
        {
            communes.Invalidate();
        }
    }
}
