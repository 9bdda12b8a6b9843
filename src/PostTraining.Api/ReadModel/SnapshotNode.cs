using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A node of the snapshot: its row plus the links the builder resolved (tree, paradigm, references, formulas,
/// relationships in both directions). Only the builder fills the lists; after that nothing changes them.
/// </summary>
public sealed class SnapshotNode
{
    // Children and formulas are a List<T> while the builder fills them, then an array of exactly their size (Freeze).
    // Edges and reference links, millions at scale, are counted first and go straight into arrays of their size
    // (SetLinks): no List objects, no growth copies, no spare capacity. Missing lists stay null: most nodes have no
    // children, formulas or edges, and six empty lists per node were 2.4 million objects at 400k nodes.
    private IReadOnlyList<SnapshotNode>? _children;
    private SnapshotEdge[]? _outgoing;
    private SnapshotEdge[]? _incoming;
    private IReadOnlyList<SnapshotNode>? _formulas;
    private ReferenceLink[]? _references;
    private ReferenceLink[]? _citedBy;

    internal List<SnapshotNode> ChildList => Building(ref _children);
    internal List<SnapshotNode> FormulaList => Building(ref _formulas);

    internal SnapshotNode(NodeRow row, int index)
    {
        Row = row;
        Index = index;
        KindName = NodeKinds.Name(row.Kind);
    }

    /// <summary>The node's position in the snapshot's build, for the builder's per-node counters.</summary>
    internal int Index { get; }

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
    public IReadOnlyList<SnapshotNode> Children => _children ?? [];
    public IReadOnlyList<SnapshotEdge> Outgoing => _outgoing ?? [];
    public IReadOnlyList<SnapshotEdge> Incoming => _incoming ?? [];

    /// <summary>Formulas of a technique.</summary>
    public IReadOnlyList<SnapshotNode> Formulas => _formulas ?? [];

    /// <summary>A technique's references (with the role each plays for it).</summary>
    public IReadOnlyList<ReferenceLink> References => _references ?? [];

    /// <summary>A reference's techniques (with the role it plays for each).</summary>
    public IReadOnlyList<ReferenceLink> CitedBy => _citedBy ?? [];

    /// <summary>The builder's arrays of edges and reference links, each filled to its size.</summary>
    internal void SetLinks(SnapshotEdge[]? outgoing, SnapshotEdge[]? incoming, ReferenceLink[]? references, ReferenceLink[]? citedBy)
    {
        _outgoing = outgoing;
        _incoming = incoming;
        _references = references;
        _citedBy = citedBy;
    }

    /// <summary>
    /// Sorts the lists that exist and turns the builder's lists into arrays of their size, once, at the end of the
    /// build; empty ones are never created. <see cref="ChildList"/> and <see cref="FormulaList"/> must not be used after.
    /// </summary>
    internal void Freeze(Comparison<SnapshotNode> bySourceOrder, Comparison<ReferenceLink> references, Comparison<ReferenceLink> citedBy)
    {
        _children = Frozen(_children, bySourceOrder);
        _formulas = Frozen(_formulas, bySourceOrder);
        if (_references is { Length: > 1 })
        {
            Array.Sort(_references, references);
        }

        if (_citedBy is { Length: > 1 })
        {
            Array.Sort(_citedBy, citedBy);
        }
    }

    private static List<T> Building<T>(ref IReadOnlyList<T>? field) =>
        field as List<T> ?? (List<T>)(field ??= new List<T>());

    private static T[]? Frozen<T>(IReadOnlyList<T>? field, Comparison<T> order)
    {
        if (field is not List<T> list)
        {
            return (T[]?)field;
        }

        var array = list.ToArray();
        // List.Sort is Array.Sort underneath: the same order the lists had before.
        Array.Sort(array, order);
        return array;
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

/// <summary>A technique-reference link seen from either end: <see cref="Other"/> is the reference or the technique. A struct: 600k of them at scale.</summary>
public readonly record struct ReferenceLink(SnapshotNode Other, ReferenceRole Role);

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
