using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Taxonomy;

/// <summary>The part of the taxonomy an export covers: every paradigm, one paradigm, or one technique's subtree.</summary>
public sealed class TaxonomyScope
{
    private TaxonomyScope(string? root, IReadOnlyList<(SnapshotNode Paradigm, IReadOnlyList<SnapshotNode> Tops)> branches)
    {
        Root = root;
        Branches = branches;
        Techniques = branches.SelectMany(b => b.Tops).SelectMany(t => t.SelfAndDescendants()).Where(n => n.Kind == NodeKind.Technique).ToArray();
        Paradigms = branches.Select(b => b.Paradigm).ToArray();
        Members = Paradigms.Concat(Techniques).ToHashSet();
    }

    public string? Root { get; }
    public IReadOnlyList<(SnapshotNode Paradigm, IReadOnlyList<SnapshotNode> Tops)> Branches { get; }
    public IReadOnlyList<SnapshotNode> Paradigms { get; }

    /// <summary>Techniques in tree order.</summary>
    public IReadOnlyList<SnapshotNode> Techniques { get; }

    public IReadOnlySet<SnapshotNode> Members { get; }

    /// <summary>Relationships whose two ends are both in the scope, in id order.</summary>
    public IEnumerable<SnapshotEdge> InnerEdges() =>
        Paradigms.Concat(Techniques).SelectMany(n => n.Outgoing).Where(e => Members.Contains(e.Target)).OrderBy(e => e.Id);

    public static TaxonomyScope Whole(TaxonomySnapshot snapshot) =>
        new(null, snapshot.Paradigms.Select(p => (p, (IReadOnlyList<SnapshotNode>)TopTechniques(p))).ToArray());

    /// <summary>A paradigm or technique slug (or <c>kind:slug</c>); null when it names neither.</summary>
    public static TaxonomyScope? Under(TaxonomySnapshot snapshot, string root)
    {
        var colon = root.IndexOf(':', StringComparison.Ordinal);
        var (kind, slug) = colon >= 0 ? (root[..colon], root[(colon + 1)..]) : (null, root);
        if (kind is null or "paradigm" && snapshot.TryGetNode(NodeKind.Paradigm, slug, out var paradigm))
        {
            return new TaxonomyScope(paradigm.Key, [(paradigm, TopTechniques(paradigm))]);
        }

        if (kind is null or "technique" && snapshot.TryGetNode(NodeKind.Technique, slug, out var technique) && technique.Paradigm is not null)
        {
            return new TaxonomyScope(technique.Key, [(technique.Paradigm, [technique])]);
        }

        return null;
    }

    private static SnapshotNode[] TopTechniques(SnapshotNode paradigm) => paradigm.Children.Where(c => c.Kind == NodeKind.Technique).ToArray();
}
