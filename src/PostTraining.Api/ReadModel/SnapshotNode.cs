using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A node of the snapshot: its row plus the links the builder resolved (tree, paradigm, references, formulas,
/// relationships in both directions). Only the builder fills the lists; after that nothing changes them.
/// </summary>
public sealed class SnapshotNode
{
    // Created on first use: at 400k nodes most lists stay empty (a reference has no children, formulas or edges),
    // and six empty lists per node were 2.4 million objects for the GC to trace.
    private List<SnapshotNode>? _children;
    private List<SnapshotEdge>? _outgoing;
    private List<SnapshotEdge>? _incoming;
    private List<SnapshotNode>? _formulas;
    private List<ReferenceLink>? _references;
    private List<ReferenceLink>? _citedBy;

    internal List<SnapshotNode> ChildList => _children ??= [];
    internal List<SnapshotEdge> OutgoingList => _outgoing ??= [];
    internal List<SnapshotEdge> IncomingList => _incoming ??= [];
    internal List<SnapshotNode> FormulaList => _formulas ??= [];
    internal List<ReferenceLink> ReferenceList => _references ??= [];
    internal List<ReferenceLink> CitedByList => _citedBy ??= [];

    internal SnapshotNode(NodeRow row)
    {
        Row = row;
        KindName = NodeKinds.Name(row.Kind);
    }

    public NodeRow Row { get; }
    public long Id => Row.Id;
    public NodeKind Kind => Row.Kind;
    public string Slug => Row.Slug;
    public string KindName { get; }

    /// <summary>Root-relative URL of the node's detail; made when asked (a stored copy per node was 34 MB at 400k nodes).</summary>
    public string Url => $"/api/v1/{NodeKinds.Collection(Kind)}/{Slug}";

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
    public IReadOnlyList<SnapshotNode> Children => (IReadOnlyList<SnapshotNode>?)_children ?? [];
    public IReadOnlyList<SnapshotEdge> Outgoing => (IReadOnlyList<SnapshotEdge>?)_outgoing ?? [];
    public IReadOnlyList<SnapshotEdge> Incoming => (IReadOnlyList<SnapshotEdge>?)_incoming ?? [];

    /// <summary>Formulas of a technique.</summary>
    public IReadOnlyList<SnapshotNode> Formulas => (IReadOnlyList<SnapshotNode>?)_formulas ?? [];

    /// <summary>A technique's references (with the role each plays for it).</summary>
    public IReadOnlyList<ReferenceLink> References => (IReadOnlyList<ReferenceLink>?)_references ?? [];

    /// <summary>A reference's techniques (with the role it plays for each).</summary>
    public IReadOnlyList<ReferenceLink> CitedBy => (IReadOnlyList<ReferenceLink>?)_citedBy ?? [];

    /// <summary>Sorts the lists that exist, once, while building; empty ones are never created.</summary>
    internal void SortLinks(Comparison<SnapshotNode> bySourceOrder, Comparison<ReferenceLink> references, Comparison<ReferenceLink> citedBy)
    {
        _children?.Sort(bySourceOrder);
        _formulas?.Sort(bySourceOrder);
        _references?.Sort(references);
        _citedBy?.Sort(citedBy);
    }

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
