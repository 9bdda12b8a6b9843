using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A node of the snapshot: its row plus the links the builder resolved (tree, paradigm, references, formulas,
/// relationships in both directions). Only the builder fills the lists; after that nothing changes them.
/// </summary>
public sealed class SnapshotNode
{
    // Each link list is a List<T> while the builder fills it, then an array of exactly its size (Freeze): at 400k nodes
    // the lists' spare capacity and the List objects themselves were some 50 MB. Created on first use: most stay empty
    // (a reference has no children, formulas or edges), and six empty lists per node were 2.4 million objects.
    private IReadOnlyList<SnapshotNode>? _children;
    private IReadOnlyList<SnapshotEdge>? _outgoing;
    private IReadOnlyList<SnapshotEdge>? _incoming;
    private IReadOnlyList<SnapshotNode>? _formulas;
    private IReadOnlyList<ReferenceLink>? _references;
    private IReadOnlyList<ReferenceLink>? _citedBy;

    internal List<SnapshotNode> ChildList => Building(ref _children);
    internal List<SnapshotEdge> OutgoingList => Building(ref _outgoing);
    internal List<SnapshotEdge> IncomingList => Building(ref _incoming);
    internal List<SnapshotNode> FormulaList => Building(ref _formulas);
    internal List<ReferenceLink> ReferenceList => Building(ref _references);
    internal List<ReferenceLink> CitedByList => Building(ref _citedBy);

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
    public IReadOnlyList<SnapshotNode> Children => _children ?? [];
    public IReadOnlyList<SnapshotEdge> Outgoing => _outgoing ?? [];
    public IReadOnlyList<SnapshotEdge> Incoming => _incoming ?? [];

    /// <summary>Formulas of a technique.</summary>
    public IReadOnlyList<SnapshotNode> Formulas => _formulas ?? [];

    /// <summary>A technique's references (with the role each plays for it).</summary>
    public IReadOnlyList<ReferenceLink> References => _references ?? [];

    /// <summary>A reference's techniques (with the role it plays for each).</summary>
    public IReadOnlyList<ReferenceLink> CitedBy => _citedBy ?? [];

    /// <summary>
    /// Sorts the lists that exist and turns each into an array of its size, once, at the end of the build; empty ones
    /// are never created. The builder's list accessors must not be used after this.
    /// </summary>
    internal void Freeze(Comparison<SnapshotNode> bySourceOrder, Comparison<ReferenceLink> references, Comparison<ReferenceLink> citedBy)
    {
        _children = Frozen(_children, bySourceOrder);
        _formulas = Frozen(_formulas, bySourceOrder);
        _references = Frozen(_references, references);
        _citedBy = Frozen(_citedBy, citedBy);
        _outgoing = Frozen(_outgoing, null);
        _incoming = Frozen(_incoming, null);
    }

    private static List<T> Building<T>(ref IReadOnlyList<T>? field) =>
        field as List<T> ?? (List<T>)(field ??= new List<T>());

    private static T[]? Frozen<T>(IReadOnlyList<T>? field, Comparison<T>? order)
    {
        if (field is not List<T> list)
        {
            return (T[]?)field;
        }

        var array = list.ToArray();
        if (order is not null)
        {
            // List.Sort is Array.Sort underneath: the same order the lists had before.
            Array.Sort(array, order);
        }

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
