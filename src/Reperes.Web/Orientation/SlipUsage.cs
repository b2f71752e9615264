using Reperes.Web.Core.Usage;
using Reperes.Web.Data;

namespace Reperes.Web.Orientation;

/// <summary>Counts an orientation slip printed or shared: one slip, and one count per place on it (with its commune and main need).</summary>
public sealed class SlipUsage(UsageCounter counter, ReperesDbContext db)
{
    public const string Print = "print";
    public const string Share = "share";

    public async Task CountAsync(HttpContext http, IReadOnlyList<int> structureIds, string way, CancellationToken cancellationToken)
    {
        if (structureIds.Count == 0 || Robots.IsRobot(http.Request))
        {
            return;
        }

        counter.Count(http, new UsageFact(UsageKind.Slip) { Detail = way });
        var places = await UsagePlaces.OnlineAsync(db, structureIds, cancellationToken);
        foreach (var id in structureIds.Distinct())
        {
            if (places.TryGetValue(id, out var place))
            {
                counter.Count(http, place.Fact(UsageKind.SlipPlace) with { Detail = way });
            }
        }
    }
}
