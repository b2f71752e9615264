namespace Reperes.Web.Tests.Architecture;

/// <summary>
/// The rules between the top-level folders of a project: the foundations (the core, the shared views) name no
/// feature; features depend one way, in a declared order, with no cycle; no feature uses another feature's page
/// model. Each check returns its violations in words, with the types that make each dependency (empty: respected).
/// </summary>
/// <param name="Foundations">Folders every feature may use and which use no feature (their order: later may use earlier).</param>
/// <param name="Features">The features from the lowest to the highest: a feature may use the foundations and the features before it.</param>
/// <param name="Exempt">Folders left out of the graph (the DbContext's, which configures every feature's entities).</param>
public sealed record FolderRules(IReadOnlyList<string> Foundations, IReadOnlyList<string> Features, IReadOnlyList<string> Exempt)
{
    /// <summary>How many example type pairs are printed per dependency.</summary>
    private const int Examples = 3;

    /// <summary>The uses that count: between two different folders, neither exempt.</summary>
    public IReadOnlyList<TypeUse> Relevant(IEnumerable<TypeUse> uses) =>
        uses.Where(u => u.From != u.To && !Exempt.Contains(u.From) && !Exempt.Contains(u.To)).ToList();

    /// <summary>Each cycle between folders (a strongly connected group of two or more), with one loop through it spelled out.</summary>
    public IReadOnlyList<string> Cycles(IEnumerable<TypeUse> uses)
    {
        var relevant = Relevant(uses);
        var edges = relevant.GroupBy(u => u.From).ToDictionary(g => g.Key, g => g.Select(u => u.To).Distinct().Order(StringComparer.Ordinal).ToList());
        var nodes = relevant.SelectMany(u => new[] { u.From, u.To }).Distinct().Order(StringComparer.Ordinal).ToList();
        var reports = new List<string>();
        foreach (var group in StronglyConnected(nodes, edges).Where(g => g.Count > 1))
        {
            var loop = Loop(group, edges);
            var steps = loop.Zip(loop.Skip(1), (from, to) => $"  {from} → {to}: {Describe(relevant, from, to)}");
            reports.Add($"Cycle between {string.Join(", ", group.Order(StringComparer.Ordinal))}: {string.Join(" → ", loop)}\n{string.Join("\n", steps)}");
        }

        return reports;
    }

    /// <summary>Uses that go against the declared order: a foundation using a feature, a feature using a higher one, an undeclared folder.</summary>
    public IReadOnlyList<string> OrderViolations(IEnumerable<TypeUse> uses)
    {
        var relevant = Relevant(uses);
        var reports = new List<string>();
        var known = Foundations.Concat(Features).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in relevant.SelectMany(u => new[] { u.From, u.To }).Distinct().Where(f => !known.Contains(f)).Order(StringComparer.Ordinal))
        {
            reports.Add($"{folder} is neither a foundation nor a declared feature: place it in the order.");
        }

        foreach (var pair in relevant.Where(u => known.Contains(u.From) && known.Contains(u.To) && !Allowed(u.From, u.To)).Select(u => (u.From, u.To)).Distinct())
        {
            var why = Foundations.Contains(pair.From)
                ? $"{pair.From} is a foundation and names no feature"
                : $"{pair.From} comes before {pair.To} in the order";
            reports.Add($"{pair.From} → {pair.To} ({why}): {Describe(relevant, pair.From, pair.To)}");
        }

        return reports;
    }

    /// <summary>A feature using the page-model type of another (a page's model belongs to its page).</summary>
    public IReadOnlyList<string> PageModelUses(IEnumerable<TypeUse> uses) =>
        Relevant(uses).Where(u => u.TargetIsPageModel)
            .Select(u => $"{u.FromType} ({u.From}) uses the page model {u.ToType} ({u.To})")
            .ToList();

    private bool Allowed(string from, string to)
    {
        var foundationFrom = IndexIn(Foundations, from);
        var foundationTo = IndexIn(Foundations, to);
        if (foundationFrom >= 0)
        {
            return foundationTo >= 0 && foundationTo < foundationFrom;
        }

        return foundationTo >= 0 || IndexIn(Features, to) < IndexIn(Features, from);
    }

    private static int IndexIn(IReadOnlyList<string> list, string folder)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == folder)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Describe(IReadOnlyList<TypeUse> uses, string from, string to)
    {
        var pairs = uses.Where(u => u.From == from && u.To == to).ToList();
        var shown = pairs.Take(Examples).Select(u => $"{u.FromType} uses {u.ToType}");
        return string.Join("; ", shown) + (pairs.Count > Examples ? $" (and {pairs.Count - Examples} more)" : "");
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(IReadOnlyList<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<List<string>>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return groups;
    }

    /// <summary>One loop inside a strongly connected group: from its first folder, the shortest way back to it.</summary>
    private static List<string> Loop(List<string> group, Dictionary<string, List<string>> edges)
    {
        var start = group.Order(StringComparer.Ordinal).First();
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in (edges.GetValueOrDefault(node) ?? []).Where(group.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Insert(1, at);
                    }

                    path.Add(start);
                    return path;
                }

                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }
}
