using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A node of the snapshot: its row plus the links the builder resolved (tree, paradigm, references, formulas,
/// relationships in both directions). Only the builder fills the lists; after that nothing changes them.
/// </summary>
public sealed class SnapshotNode
{
    internal readonly List<SnapshotNode> ChildList = [];
    internal readonly List<SnapshotEdge> OutgoingList = [];
    internal readonly List<SnapshotEdge> IncomingList = [];
    internal readonly List<SnapshotNode> FormulaList = [];
    internal readonly List<ReferenceLink> ReferenceList = [];
    internal readonly List<ReferenceLink> CitedByList = [];

    internal SnapshotNode(NodeRow row)
    {
        Row = row;
        KindName = NodeKinds.Name(row.Kind);
        Url = $"/api/v1/{NodeKinds.Collection(row.Kind)}/{row.Slug}";
    }

    public NodeRow Row { get; }
    public long Id => Row.Id;
    public NodeKind Kind => Row.Kind;
    public string Slug => Row.Slug;
    public string KindName { get; }

    /// <summary>Root-relative URL of the node's detail.</summary>
    public string Url { get; }

    /// <summary><c>kind:slug</c>, the form relationships use to name their ends.</summary>
    public string Key => $"{KindName}:{Slug}";

    public SnapshotNode? Parent { get; internal set; }

    /// <summary>The paradigm of a technique (null for other kinds).</summary>
    public SnapshotNode? Paradigm { get; internal set; }

    /// <summary>Technique depth: 0 at the top of a paradigm.</summary>
    public int Depth { get; internal set; }

    /// <summary>The technique a formula belongs to.</summary>
    public SnapshotNode? Technique { get; internal set; }

    /// <summary>Children in the node's own tree, in source order; for a paradigm, its top-level techniques.</summary>
    public IReadOnlyList<SnapshotNode> Children => ChildList;
    public IReadOnlyList<SnapshotEdge> Outgoing => OutgoingList;
    public IReadOnlyList<SnapshotEdge> Incoming => IncomingList;

    /// <summary>Formulas of a technique.</summary>
    public IReadOnlyList<SnapshotNode> Formulas => FormulaList;

    /// <summary>A technique's references (with the role each plays for it).</summary>
    public IReadOnlyList<ReferenceLink> References => ReferenceList;

    /// <summary>A reference's techniques (with the role it plays for each).</summary>
    public IReadOnlyList<ReferenceLink> CitedBy => CitedByList;

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
            for (var i = node.ChildList.Count - 1; i >= 0; i--)
            {
                stack.Push(node.ChildList[i]);
            }
        }
    }

    public override string ToString() => Key;
}

/// <summary>A technique-reference link seen from either end: <see cref="Other"/> is the reference or the technique.</summary>
public sealed record ReferenceLink(SnapshotNode Other, ReferenceRole Role);

/// <summary>A relationship with its ends and type resolved.</summary>
public sealed class SnapshotEdge(RelationshipRow row, RelationTypeRow type, SnapshotNode source, SnapshotNode target)
{
    public RelationshipRow Row { get; } = row;
    public long Id => Row.Id;
    public RelationTypeRow Type { get; } = type;
    public SnapshotNode Source { get; } = source;
    public SnapshotNode Target { get; } = target;
    public string Url => $"/api/v1/relationships/{Row.Id}";
}
