using PostTraining.Api.Graph;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

public sealed class GraphAlgorithmTests
{
    private static SnapshotNode Node(TaxonomySnapshot s, string slug) =>
        s.TryGetNode(NodeKind.Technique, slug, out var n) ? n : throw new KeyNotFoundException(slug);

    [Fact]
    public void ShortestPathsFromDpoToPpoGoThroughRlhfNamedAsWalked()
    {
        var s = SampleTaxonomy.Build();
        var paths = PathFinder.Shortest(Node(s, "dpo"), Node(s, "ppo"), 4, null, 10);
        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.Equal(2, p.Steps.Count));
        Assert.All(paths, p => Assert.Equal("rlhf", p.Steps[0].To.Slug));
        // alternative-to and builds-on, then uses or the tree: 2 x 2 shortest paths.
        Assert.Equal(4, paths.Count);
        Assert.Contains(paths, p => p.Steps[1].Type == "uses" && p.Steps[1].Forward);
        Assert.Contains(paths, p => p.Steps[1].Type == GraphSteps.TreeType && !p.Steps[1].Forward && p.Steps[1].Name.En == "contains");
    }

    [Fact]
    public void WalkingAgainstAnEdgeUsesTheInverseName()
    {
        var s = SampleTaxonomy.Build();
        var path = Assert.Single(PathFinder.Shortest(Node(s, "ppo"), Node(s, "grpo"), 3, new HashSet<string> { "variant-of" }, 10));
        var hop = Assert.Single(path.Steps);
        Assert.False(hop.Forward);
        Assert.Equal("has variant", hop.Name.En);
    }

    [Fact]
    public void PathsRespectMaxHopsTypesAndTheCap()
    {
        var s = SampleTaxonomy.Build();
        Assert.Empty(PathFinder.Shortest(Node(s, "dpo"), Node(s, "ppo"), 1, null, 10));
        Assert.Empty(PathFinder.Shortest(Node(s, "dpo"), Node(s, "lora"), 6, new HashSet<string> { "uses" }, 10));
        Assert.Single(PathFinder.Shortest(Node(s, "dpo"), Node(s, "ppo"), 4, null, 1));
    }

    [Fact]
    public void NeighborsAtDepthOneAndTwo()
    {
        var s = SampleTaxonomy.Build();
        var one = Neighborhoods.Around(Node(s, "dpo"), 1, null, 1000);
        Assert.Equal(["alignment", "dpo", "rlhf", "simpo"], one.Nodes.Select(n => n.Node.Slug).Order());
        Assert.Contains(one.Edges, e => e.Source.Slug == "simpo" && e.Target.Slug == "dpo" && e.Type == "variant-of");
        var two = Neighborhoods.Around(Node(s, "dpo"), 2, null, 1000);
        Assert.Contains(two.Nodes, n => n.Node.Slug == "ppo" && n.Distance == 2);
        var capped = Neighborhoods.Around(Node(s, "dpo"), 3, null, 3);
        Assert.True(capped.Truncated);
        Assert.Equal(3, capped.Nodes.Count);
    }

    [Fact]
    public void ReadingOrderPutsPrerequisitesFirst()
    {
        var s = SampleTaxonomy.Build();
        var plan = ReadingOrderPlanner.For(Node(s, "simpo"), new HashSet<string> { "builds-on", "variant-of" });
        Assert.Equal(["rlhf", "dpo", "simpo"], plan.Order.Select(n => n.Slug));
        Assert.Empty(plan.Cycles);
        Assert.Equal("simpo", Assert.Single(plan.PrerequisiteOf[Node(s, "dpo")]).Slug);
    }

    [Fact]
    public void ReadingOrderSurvivesACycleAndReportsIt()
    {
        var s = SampleTaxonomy.Build((_, edges) =>
        {
            edges.Add(SampleTaxonomy.Edge(200, SampleTaxonomy.BuildsOn, 10, 12)); // rlhf builds-on dpo: closes dpo -> rlhf -> dpo
        });
        var plan = ReadingOrderPlanner.For(Node(s, "simpo"), new HashSet<string> { "builds-on", "variant-of" });
        Assert.Equal(["rlhf", "dpo", "simpo"], plan.Order.Select(n => n.Slug));
        var cycle = Assert.Single(plan.Cycles);
        Assert.Equal(["dpo", "rlhf", "dpo"], cycle.Select(n => n.Slug));
    }
}
