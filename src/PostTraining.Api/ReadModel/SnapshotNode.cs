using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// What the snapshot stores of one node, shared by every snapshot patched from the one that made it: its row and its
/// links as ids (parent, paradigm, formula's technique, children, formulas, references, relationships), never as
/// objects. A patch replaces the records of the nodes it touches and keeps all others, so a write at 400k nodes copies
/// a handful of records instead of re-linking the whole graph. <see cref="Slot"/> is the node's fixed place in the
/// per-snapshot caches of <see cref="SnapshotNode"/> views.
/// </summary>
internal sealed record NodeRecord(
    NodeRow Row,
    int Slot,
    long? ParentId,
    long? ParadigmId,
    long? TechniqueId,
    int Depth,
    long[]? Children,
    long[]? Formulas,
    EdgeRecord[]? Outgoing,
    EdgeRecord[]? Incoming,
    LinkRecord[]? References,
    LinkRecord[]? CitedBy)
{
    public long Id => Row.Id;
}

/// <summary>A relationship as stored, shared across snapshots: its row, its type and its ends' ids.</summary>
internal sealed record EdgeRecord(RelationshipRow Row, RelationTypeRow Type)
{
    public long Id => Row.Id;
    public long SourceId => Row.SourceId;
    public long TargetId => Row.TargetId;
}

/// <summary>A technique-reference link as stored: the other end's id and the role.</summary>
internal readonly record struct LinkRecord(long OtherId, ReferenceRole Role);

/// <summary>
/// A node of one snapshot: its row plus its links (tree, paradigm, references, formulas, relationships in both
/// directions) resolved in that snapshot. A view over the shared <see cref="NodeRecord"/>, made on first use and kept
/// by the snapshot, so one node is one object within a snapshot (dictionaries keyed by nodes keep working).
/// </summary>
public sealed class SnapshotNode
{
    private readonly TaxonomySnapshot _snapshot;
    private readonly NodeRecord _record;

    internal SnapshotNode(TaxonomySnapshot snapshot, NodeRecord record)
    {
        _snapshot = snapshot;
        _record = record;
    }

    internal NodeRecord Record => _record;

    public NodeRow Row => _record.Row;
    public long Id => _record.Row.Id;
    public NodeKind Kind => _record.Row.Kind;
    public string Slug => _record.Row.Slug;
    public string KindName => NodeKinds.Name(Kind);

    /// <summary>Root-relative URL of the node's detail; made when asked (a stored copy per node was 34 MB at 400k nodes).</summary>
    public string Url => $"/api/v1/{NodeKinds.Collection(Kind)}/{Slug}";

    /// <summary><c>kind:slug</c>, the form relationships use to name their ends.</summary>
    public string Key => $"{KindName}:{Slug}";

    public SnapshotNode? Parent => _snapshot.NodeOrNull(_record.ParentId);

    /// <summary>The paradigm of a technique (null for other kinds).</summary>
    public SnapshotNode? Paradigm => _snapshot.NodeOrNull(_record.ParadigmId);

    /// <summary>Technique depth: 0 at the top of a paradigm.</summary>
    public int Depth => _record.Depth;

    /// <summary>The technique a formula belongs to.</summary>
    public SnapshotNode? Technique => _snapshot.NodeOrNull(_record.TechniqueId);

    /// <summary>Children in the node's own tree, in source order; for a paradigm, its top-level techniques.</summary>
    public IReadOnlyList<SnapshotNode> Children => NodeList.Of(_snapshot, _record.Children);
    public IReadOnlyList<SnapshotEdge> Outgoing => EdgeList.Of(_snapshot, _record.Outgoing);
    public IReadOnlyList<SnapshotEdge> Incoming => EdgeList.Of(_snapshot, _record.Incoming);

    /// <summary>Formulas of a technique.</summary>
    public IReadOnlyList<SnapshotNode> Formulas => NodeList.Of(_snapshot, _record.Formulas);

    /// <summary>A technique's references (with the role each plays for it).</summary>
    public IReadOnlyList<ReferenceLink> References => LinkList.Of(_snapshot, _record.References);

    /// <summary>A reference's techniques (with the role it plays for each).</summary>
    public IReadOnlyList<ReferenceLink> CitedBy => LinkList.Of(_snapshot, _record.CitedBy);

    /// <summary>Ancestors from the root down to the parent.</summary>
    public IReadOnlyList<SnapshotNode> Ancestors()
    {
        var chain = new List<SnapshotNode>();
        var seen = new HashSet<long> { Id };
        for (var p = Parent; p is not null && seen.Add(p.Id); p = p.Parent)
        {
            chain.Add(p);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>This node and everything below it in its tree, parents before children.</summary>
    public IEnumerable<SnapshotNode> SelfAndDescendants()
    {
        var stack = new Stack<SnapshotNode>();
        var seen = new HashSet<long>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!seen.Add(node.Id))
            {
                continue;
            }

            yield return node;
            var children = node.Children;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }
    }

    public override string ToString() => Key;
}

/// <summary>A technique-reference link seen from either end: <see cref="Other"/> is the reference or the technique. A struct: 600k of them at scale.</summary>
public readonly record struct ReferenceLink(SnapshotNode Other, ReferenceRole Role);

/// <summary>A relationship of one snapshot, its ends and type resolved there; a view over the shared <see cref="EdgeRecord"/>.</summary>
public sealed class SnapshotEdge
{
    private readonly TaxonomySnapshot _snapshot;
    private readonly EdgeRecord _record;

    internal SnapshotEdge(TaxonomySnapshot snapshot, EdgeRecord record)
    {
        _snapshot = snapshot;
        _record = record;
    }

    internal EdgeRecord Record => _record;

    public RelationshipRow Row => _record.Row;
    public long Id => _record.Row.Id;
    public RelationTypeRow Type => _record.Type;

    // A stored edge always has both ends in its snapshot: build and patch drop an edge with its end.
    public SnapshotNode Source => _snapshot.NodeOrNull(_record.SourceId)!;
    public SnapshotNode Target => _snapshot.NodeOrNull(_record.TargetId)!;
    public string Url => $"/api/v1/relationships/{Row.Id}";

    public override bool Equals(object? obj) => obj is SnapshotEdge other && ReferenceEquals(other._record, _record) && ReferenceEquals(other._snapshot, _snapshot);

    public override int GetHashCode() => _record.Id.GetHashCode();
}
