using Reperes.Web.Core.Structures;
using Reperes.Web.Data;

namespace Reperes.Web.Guide.Search;

/// <summary>
/// The guide's side of every structure write: its search index inside the transaction. What is kept in memory (the
/// communes, the answers, the read model) follows the commit through <see cref="Core.Changes.PublicChanges"/>.
/// </summary>
public sealed class GuideStructureIndex(SearchIndex index) : IStructureIndex
{
    public Task IndexAsync(ReperesDbContext db, IReadOnlyCollection<int> structureIds, CancellationToken cancellationToken) =>
        index.IndexAsync(db, structureIds, cancellationToken);

    public void Committed(IReadOnlyCollection<int> structureIds)
    {
    }
}
