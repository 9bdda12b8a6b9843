using PostTraining.Api.Graph;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>
/// The algorithms that keep reads fast at 100k techniques give the same answers as the plain ones they replace:
/// bidirectional path search against a one-sided breadth-first search, bounded top-k search against the full ranking.
/// </summary>
public sealed class ScaleAlgorithmTests
{
    /// <summary>A random graph: 5 paradigms, 600 techniques in trees, 2,400 relationships of the sample's four types.</summary>
    private static TaxonomySnapshot RandomGraph(int seed)
    {
        var random = new Random(seed);
        var nodes = new List<NodeRow>();
        for (var p = 1; p <= 5; p++)
        {
            nodes.Add(SampleTaxonomy.Paradigm(p, $"paradigm-{p}", $"Paradigm {p}", $"范式{p}", p));
        }

        string[] words = ["preference", "policy", "reward", "low rank", "distillation"];
        string[] zh = ["偏好", "策略", "奖励", "低秩", "蒸馏"];
        for (var t = 100; t < 700; t++)
        {
            long? parent = t >= 140 && random.Next(4) > 0 ? random.Next(100, t) : null;
            var w = random.Next(words.Length);
            nodes.Add(SampleTaxonomy.Technique(t, $"t-{t}", 1 + (t % 5), parent, $"Synthetic {words[w]} method {t}", $"合成{zh[w]}方法{t}", null, 2000 + (t % 25)));
        }

        var edges = new List<RelationshipRow>();
        for (var id = 1; id <= 2400; id++)
        {
            var a = random.Next(100, 700);
            var b = random.Next(100, 700);
            if (a != b)
            {
                edges.Add(SampleTaxonomy.Edge(id, 1 + random.Next(4), a, b));
            }
        }

        // The sample's four types, with the ids SampleTaxonomy.Edge refers to.
        var source = new SnapshotSource(nodes, [], SampleTaxonomy.Build().RelationTypes, edges);
        return TaxonomySnapshot.Build(source);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BidirectionalPathsEqualThoseOfAPlainBreadthFirstSearch(int seed)
    {
        var s = RandomGraph(seed);
        var random = new Random(seed * 31);
        var compared = 0;
        for (var i = 0; i < 60; i++)
        {
            var from = s.Techniques[random.Next(s.Techniques.Count)];
            var to = s.Techniques[random.Next(s.Techniques.Count)];
            IReadOnlySet<string>? types = i % 3 == 0 ? new HashSet<string> { "builds-on", "uses" } : null;
            foreach (var hops in new[] { 2, 4 })
            {
                var expected = PlainShortest(from, to, hops, types, 10);
                var actual = PathFinder.Search(from, to, hops, types, 10);
                Assert.False(actual.TooBroad);
                Assert.Equal(Describe(expected), Describe(actual.Paths));
                compared += expected.Count;
            }
        }

        Assert.True(compared > 50, $"only {compared} paths compared: the graph is too sparse to test anything");
    }

    [Fact]
    public void APathSearchThatWouldVisitTooManyNodesIsRefused()
    {
        var s = RandomGraph(4);
        var from = s.Techniques[10];
        var to = s.Techniques[500];
        var capped = PathFinder.Search(from, to, 6, null, 10, maxVisited: 50);
        Assert.True(capped.TooBroad);
        Assert.Empty(capped.Paths);
        Assert.False(PathFinder.Search(from, to, 6, null, 10).TooBroad);
    }

    [Theory]
    [InlineData("偏好")]
    [InlineData("synthetic")]
    [InlineData("method 1")]
    [InlineData("prefrence")]
    [InlineData("t-1")]
    public void ASmallPageIsTheTopOfTheFullRanking(string query)
    {
        var s = RandomGraph(5);
        var full = s.Search.Find(query, 1000);
        Assert.NotEmpty(full);
        foreach (var limit in new[] { 1, 7, 20 })
        {
            var page = s.Search.Find(query, limit);
            Assert.Equal(
                full.Take(limit).Select(h => (h.Node.Slug, h.Score, h.Field)),
                page.Select(h => (h.Node.Slug, h.Score, h.Field)));
        }

        // Ranked by score, then kind, depth and slug.
        var keys = full.Select(h => (-h.Score, NodeKinds.Rank(h.Node.Kind), h.Node.Depth, h.Node.Slug)).ToList();
        Assert.Equal(keys.OrderBy(k => k.Item1).ThenBy(k => k.Item2).ThenBy(k => k.Item3).ThenBy(k => k.Slug, StringComparer.Ordinal), keys);
    }

    [Fact]
    public void SortedPostingListsIntersect()
    {
        Assert.Equal([3, 9], SearchIndex.Intersect([[1, 3, 5, 9, 11], [2, 3, 9, 10], [0, 3, 4, 9, 100]]));
        Assert.Empty(SearchIndex.Intersect([[1, 2], []]));
        Assert.Empty(SearchIndex.Intersect([]));
    }

    private static string[] Describe(IReadOnlyList<FoundPath> paths) =>
        paths.Select(p => string.Join(" ", p.Steps.Select(st => $"{st.Type}{(st.Forward ? ">" : "<")}{st.To.Slug}#{st.Edge?.Id}"))).ToArray();

    /// <summary>The one-sided search the path finder replaced, kept here as the oracle.</summary>
    private static IReadOnlyList<FoundPath> PlainShortest(SnapshotNode from, SnapshotNode to, int maxHops, IReadOnlySet<string>? types, int maxPaths)
    {
        if (from == to)
        {
            return [new FoundPath(from, [])];
        }

        var distance = new Dictionary<SnapshotNode, int> { [from] = 0 };
        var into = new Dictionary<SnapshotNode, List<(SnapshotNode Previous, GraphStep Step)>>();
        var frontier = new List<SnapshotNode> { from };
        for (var depth = 1; depth <= maxHops && frontier.Count > 0 && !distance.ContainsKey(to); depth++)
        {
            var next = new List<SnapshotNode>();
            foreach (var node in frontier)
            {
                foreach (var step in GraphSteps.From(node, types))
                {
                    if (distance.TryGetValue(step.To, out var known))
                    {
                        if (known == depth)
                        {
                            into[step.To].Add((node, step));
                        }

                        continue;
                    }

                    distance[step.To] = depth;
                    into[step.To] = [(node, step)];
                    next.Add(step.To);
                }
            }

            frontier = next;
        }

        var paths = new List<FoundPath>();
        if (!distance.ContainsKey(to))
        {
            return paths;
        }

        var reversed = new List<GraphStep>();
        Unwind(to);
        return paths;

        void Unwind(SnapshotNode node)
        {
            if (paths.Count >= maxPaths)
            {
                return;
            }

            if (node == from)
            {
                var steps = reversed.ToArray();
                Array.Reverse(steps);
                paths.Add(new FoundPath(from, steps));
                return;
            }

            foreach (var (previous, step) in into[node])
            {
                reversed.Add(step);
                Unwind(previous);
                reversed.RemoveAt(reversed.Count - 1);
            }
        }
    }
}
