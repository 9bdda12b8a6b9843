using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

public sealed class SnapshotBuildTests
{
    [Fact]
    public void TechniquesAreListedInTreeOrderWithComputedDepth()
    {
        var snapshot = SampleTaxonomy.Build();
        var order = snapshot.Techniques.Select(t => t.Slug).ToArray();
        Assert.True(Array.IndexOf(order, "rlhf") < Array.IndexOf(order, "ppo"));
        Assert.True(Array.IndexOf(order, "peft") < Array.IndexOf(order, "reparameterized-peft"));
        Assert.True(Array.IndexOf(order, "reparameterized-peft") < Array.IndexOf(order, "lora"));
        Assert.True(snapshot.TryGetNode(NodeKind.Technique, "lora", out var lora));
        Assert.Equal(2, lora.Depth);
        Assert.Equal("efficiency", lora.Paradigm!.Slug);
        Assert.Equal(["peft", "reparameterized-peft"], lora.Ancestors().Select(a => a.Slug));
    }

    [Fact]
    public void RelationshipsAreIndexedFromBothEnds()
    {
        var snapshot = SampleTaxonomy.Build();
        Assert.True(snapshot.TryGetNode(NodeKind.Technique, "rlhf", out var rlhf));
        Assert.Contains(rlhf.Incoming, e => e.Source.Slug == "dpo" && e.Type.Slug == "alternative-to");
        Assert.Contains(rlhf.Outgoing, e => e.Target.Slug == "ppo" && e.Type.Slug == "uses");
    }

    [Fact]
    public void DanglingRowsAreSkippedInsteadOfFailingTheBuild()
    {
        var snapshot = SampleTaxonomy.Build((nodes, edges) =>
        {
            edges.Add(SampleTaxonomy.Edge(999, SampleTaxonomy.Uses, 12, 424242));
            nodes.Add(SampleTaxonomy.Technique(77, "orphan", 9999, 8888, "Orphan", null, null, null));
        });
        Assert.False(snapshot.TryGetRelationship(999, out _));
        Assert.Contains(snapshot.Techniques, t => t.Slug == "orphan");
    }

    [Fact]
    public void WritersGetTheDetailETagAndRowVersionOfAnEntity()
    {
        var snapshot = SampleTaxonomy.Build((nodes, _) =>
        {
            var dpo = nodes.Single(n => n.Slug == "dpo");
            nodes[nodes.IndexOf(dpo)] = dpo with { Version = 4242 };
        });
        Assert.True(snapshot.TryGetEntity("technique", "dpo", out var entity));
        Assert.Equal(4242u, entity.Version);
        var detail = EntityDetails.Of(snapshot, entity);
        Assert.Equal(EntityDetails.Node(snapshot, snapshot.Techniques.Single(t => t.Slug == "dpo")).ETag, detail.ETag);
        Assert.StartsWith("\"", detail.ETag);
        Assert.Equal("dpo", System.Text.Json.JsonDocument.Parse(detail.Bytes).RootElement.GetProperty("slug").GetString());
        Assert.StartsWith("application/json", detail.ContentType);
        Assert.True(snapshot.TryGetEntity("relationship", "100", out var edge));
        Assert.Equal(100, edge.Id);
        Assert.True(snapshot.TryGetEntity("relation-type", "uses", out _));
        Assert.False(snapshot.TryGetEntity("technique", "nope", out _));
        Assert.False(snapshot.TryGetEntity("spaceship", "dpo", out _));
    }
}
