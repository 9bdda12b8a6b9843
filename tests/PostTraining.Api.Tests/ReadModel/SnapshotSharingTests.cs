using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>
/// A patch must serve exactly what a full build of the same rows serves, while sharing what it did not touch: that is
/// what lets a write at 400k nodes cost milliseconds. Each case patches the sample taxonomy and compares every lookup
/// with <c>Build(delta.ApplyTo(...))</c> of the same rows.
/// </summary>
public sealed class SnapshotSharingTests
{
    [Fact]
    public void AnUntouchedNodeIsTheSameRecordInBothSnapshotsAndTheBigStructuresAreShared()
    {
        var before = SampleTaxonomy.Build();
        before.TryGetNode(NodeKind.Technique, "dpo", out var dpo);
        var delta = Delta(nodes: [dpo!.Row with { DescriptionEn = "Changed." }]);

        var after = before.Patch(delta, 2);

        before.TryGetNode(NodeKind.Technique, "lora", out var lora);
        after.TryGetNode(NodeKind.Technique, "lora", out var loraAfter);
        Assert.Same(lora!.Record, loraAfter!.Record);
        Assert.NotSame(dpo.Record, After(after, "dpo").Record);
        // The id and slug maps keep their base (only an overlay is new), the relationship chunks are the same arrays.
        Assert.True(after.Records.SharesBaseWith(before.Records));
        Assert.True(after.SlugMap.SharesBaseWith(before.SlugMap));
        Assert.Equal(1, after.Records.OverlayCount);
        Assert.All(Enumerable.Range(0, before.EdgeChunks.ChunkCount), c => Assert.True(after.EdgeChunks.SharesChunk(before.EdgeChunks, c)));
        // The views are the new snapshot's: dpo's neighbours resolve there, and one node is one object.
        Assert.Equal("Changed.", After(after, "simpo").Parent!.Row.DescriptionEn);
        Assert.Same(After(after, "dpo"), After(after, "simpo").Parent);
        AssertSame(Full(before, delta), after);
    }

    [Fact]
    public void APatchedSnapshotDoesNotKeepThePreviousOneAlive()
    {
        var (previous, current) = PatchAndForget();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        // Records are shared, views are not: nothing of the new snapshot leads back to the old one.
        Assert.False(previous.IsAlive, "the previous snapshot is still reachable from the patched one");
        Assert.Equal("New text.", After(current, "grpo").Row.DescriptionEn);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Previous, TaxonomySnapshot Current) PatchAndForget()
    {
        var before = SampleTaxonomy.Build();
        _ = before.Techniques.Count;
        var after = before.Patch(CaseDeltas["description"](before), 2);
        return (new WeakReference(before), after);
    }

    public static TheoryData<string> Cases => [.. CaseDeltas.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void APatchServesWhatAFullBuildOfTheSameRowsServes(string name)
    {
        var before = SampleTaxonomy.Build();
        var delta = CaseDeltas[name](before);

        AssertSame(Full(before, delta), before.Patch(delta, 2));
    }

    [Fact]
    public void PatchesInARowStillAgreeWithAFullBuild()
    {
        var snapshot = SampleTaxonomy.Build();
        var generation = 1;
        foreach (var make in CaseDeltas.Values)
        {
            var delta = make(snapshot);
            var patched = snapshot.Patch(delta, ++generation);
            AssertSame(Full(snapshot, delta), patched);
            snapshot = patched;
        }
    }

    private static readonly Dictionary<string, Func<TaxonomySnapshot, SnapshotDelta>> CaseDeltas = new()
    {
        ["description"] = s => Delta(nodes: [Row(s, "grpo") with { DescriptionEn = "New text." }]),
        ["rename"] = s => Delta(nodes: [Row(s, "lora") with { Slug = "lora-renamed" }]),
        ["position among siblings"] = s => Delta(nodes: [Row(s, "qlora") with { Position = -5 }]),
        ["reference year"] = s => Delta(nodes: [Row(s, "arxiv-2106-09685", NodeKind.Reference) with { Year = 1999 }]),
        ["created child and reference with a link"] = s => Delta(
            nodes: [SampleTaxonomy.Technique(50, "ipo", 1, 12, "Identity Preference Optimization", "身份偏好优化", "IPO", 2023),
                    new NodeRow { Id = 51, Kind = NodeKind.Reference, Slug = "arxiv-2310-12036", NameEn = "A General Theoretical Paradigm", Year = 2023 }],
            linkTechniques: [50], links: [new TechniqueReferenceRow(50, 51, ReferenceRole.Introduces), new TechniqueReferenceRow(50, 30, ReferenceRole.Uses)]),
        ["created top-level technique"] = s => Delta(nodes: [SampleTaxonomy.Technique(52, "kto", 1, null, "KTO", null, "KTO", 2024)]),
        ["created formula"] = s => Delta(nodes: [new NodeRow { Id = 53, Kind = NodeKind.Formula, Slug = "lora-update", NameEn = "LoRA update", TechniqueId = 18, Latex = "W + BA" }]),
        ["relationships created, changed and deleted"] = s => Delta(
            relationshipIds: [100, 105, 200],
            relationships: [SampleTaxonomy.Edge(105, SampleTaxonomy.Uses, 19, 18) with { NoteEn = "changed" }, SampleTaxonomy.Edge(200, SampleTaxonomy.BuildsOn, 18, 12)]),
        ["links replaced"] = s => Delta(linkTechniques: [12, 18], links: [new TechniqueReferenceRow(12, 31, ReferenceRole.Uses)]),
        ["leaf deleted with its edges and links"] = s => Delta(deleted: [18, 13]),
        ["move falls back to a full build"] = s => Delta(nodes: [Row(s, "qlora") with { ParentId = 16 }]),
    };

    private static TaxonomySnapshot Full(TaxonomySnapshot before, SnapshotDelta delta) =>
        TaxonomySnapshot.Build(delta.ApplyTo(before.ToSource()), changeMark: delta.ChangeMark);

    private static SnapshotNode After(TaxonomySnapshot snapshot, string slug) =>
        snapshot.TryGetNode(NodeKind.Technique, slug, out var node) ? node : throw new InvalidOperationException(slug);

    private static NodeRow Row(TaxonomySnapshot snapshot, string slug, NodeKind kind = NodeKind.Technique) =>
        snapshot.TryGetNode(kind, slug, out var node) ? node.Row : throw new InvalidOperationException(slug);

    private static SnapshotDelta Delta(
        NodeRow[]? nodes = null, long[]? deleted = null, long[]? relationshipIds = null, RelationshipRow[]? relationships = null,
        long[]? linkTechniques = null, TechniqueReferenceRow[]? links = null) =>
        new(9, 1, [.. (nodes ?? []).Select(n => n.Id), .. deleted ?? []], nodes ?? [], [.. relationshipIds ?? []], relationships ?? [],
            [.. linkTechniques ?? []], links ?? []);

    /// <summary>Every lookup a feature uses, of every node, compared between the two snapshots.</summary>
    private static void AssertSame(TaxonomySnapshot full, TaxonomySnapshot patched)
    {
        Assert.Equal(full.NodeCount, patched.NodeCount);
        Assert.Equal(full.ChangeMark, patched.ChangeMark);
        Assert.Equal(full.Techniques.Select(n => n.Key), patched.Techniques.Select(n => n.Key));
        foreach (var kind in NodeKinds.DisplayOrder)
        {
            Assert.Equal(full.OfKind(kind).Select(n => n.Key), patched.OfKind(kind).Select(n => n.Key));
        }

        Assert.Equal(full.Relationships.Select(Edge), patched.Relationships.Select(Edge));
        Assert.Equal(full.AllNodes.Select(Dump).Order(StringComparer.Ordinal), patched.AllNodes.Select(Dump).Order(StringComparer.Ordinal));
        foreach (var node in full.AllNodes)
        {
            Assert.True(patched.TryGetNode(node.Kind, node.Slug, out var other), node.Key);
            Assert.True(patched.TryGetNodeById(node.Id, out var byId), node.Key);
            Assert.Same(other, byId);
            Assert.Equal(node.Row, other.Row);
        }

        foreach (var edge in full.Relationships)
        {
            Assert.True(patched.TryGetRelationship(edge.Id, out var other));
            Assert.Equal(Edge(edge), Edge(other));
        }
    }

    private static string Edge(SnapshotEdge e) => $"{e.Id} {e.Type.Slug} {e.Source.Key} -> {e.Target.Key} {e.Row.NoteEn}";

    private static string Dump(SnapshotNode n) => string.Join(" | ",
        n.Key, n.Row.Position, n.Row.Year, n.Row.DescriptionEn, n.Parent?.Key, n.Paradigm?.Key, n.Technique?.Key, n.Depth,
        string.Join(",", n.Children.Select(c => c.Key)), string.Join(",", n.Formulas.Select(c => c.Key)),
        string.Join(",", n.Outgoing.Select(e => e.Id)), string.Join(",", n.Incoming.Select(e => e.Id)),
        string.Join(",", n.References.Select(l => $"{l.Other.Key}/{l.Role}")), string.Join(",", n.CitedBy.Select(l => $"{l.Other.Key}/{l.Role}")),
        string.Join(",", n.Ancestors().Select(a => a.Key)));
}
