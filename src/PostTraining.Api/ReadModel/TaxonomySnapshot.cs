using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The whole taxonomy in memory, immutable once built: lookups by (kind, slug) and id, the trees, relationships in
/// both directions, its <see cref="Index"/> (the search index), and a memo of derived values (serialized
/// representations, sort orders) that lives exactly as long as the snapshot, so nothing cached can outlive the data it
/// was made from.
/// </summary>
public sealed class TaxonomySnapshot
{
    private readonly Dictionary<long, SnapshotNode> _byId;
    private readonly Dictionary<(NodeKind, string), SnapshotNode> _bySlug;
    private readonly Dictionary<NodeKind, IReadOnlyList<SnapshotNode>> _byKind;
    private readonly Dictionary<string, RelationTypeRow> _typesBySlug;
    private readonly ConcurrentDictionary<string, object> _memo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnapshotComparison> _comparisonsBySlug;
    private readonly Dictionary<long, IReadOnlyList<SnapshotComparisonRow>> _comparisonRowsByNode;

    /// <summary>Most answers to queries (search texts, list pages, graph walks) one snapshot keeps; see <see cref="Answer"/>.</summary>
    public const int MaxCachedAnswers = 4096;

    /// <summary>Most entity representations one snapshot keeps (~3 KB each; see also <see cref="MaxCachedDetailBytes"/>).</summary>
    public const int MaxCachedDetails = 65_536;

    /// <summary>Most bytes of answers one snapshot keeps.</summary>
    public const long MaxCachedAnswerBytes = 16L << 20;

    /// <summary>
    /// Most bytes of entity representations one snapshot keeps (65,536 details of 7 KB would be 450 MB). Small on purpose:
    /// under a crawl every entry is soon evicted, and entries that live long enough to reach gen2 before they go grew the
    /// process past 1.5 GB at 400k nodes; 16 MiB still holds a thousand or more hot details.
    /// </summary>
    public const long MaxCachedDetailBytes = 16L << 20;

    private readonly BoundedCache<ICachedValue> _answers = new(MaxCachedAnswers, MaxCachedAnswerBytes, CachedSize);
    private readonly BoundedCache<ICachedValue> _details = new(MaxCachedDetails, MaxCachedDetailBytes, CachedSize);
    private readonly Lazy<ISnapshotIndex?> _index;

    private TaxonomySnapshot(
        SnapshotSource source,
        long generation,
        long changeMark,
        Dictionary<long, SnapshotNode> byId,
        Dictionary<NodeKind, IReadOnlyList<SnapshotNode>> byKind,
        IReadOnlyList<SnapshotNode> techniques,
        IReadOnlyList<RelationTypeRow> relationTypes,
        IReadOnlyList<SnapshotEdge> relationships,
        IReadOnlyList<SnapshotComparison> comparisons,
        Func<TaxonomySnapshot, ISnapshotIndex>? index)
    {
        Source = source;
        Generation = generation;
        ChangeMark = changeMark;
        BuiltAt = DateTimeOffset.UtcNow;
        _byId = byId;
        _byKind = byKind;
        _bySlug = byId.Values.ToDictionary(n => (n.Kind, n.Slug));
        Techniques = techniques;
        RelationTypes = relationTypes;
        _typesBySlug = relationTypes.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        Relationships = relationships;
        Comparisons = comparisons;
        _comparisonsBySlug = comparisons.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        _comparisonRowsByNode = comparisons.SelectMany(c => c.Rows).GroupBy(r => r.Node.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SnapshotComparisonRow>)g.ToArray());
        _index = new Lazy<ISnapshotIndex?>(() => index?.Invoke(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The rows this snapshot was built from: a patch after a few writes starts from them instead of the database.</summary>
    public SnapshotSource Source { get; }

    /// <summary>Increases with every rebuild in this process.</summary>
    public long Generation { get; }

    public DateTimeOffset BuiltAt { get; }

    /// <summary>The latest change-feed id the data was read with; a larger one in the database means this snapshot is stale.</summary>
    public long ChangeMark { get; }

    /// <summary>Paradigms by position.</summary>
    public IReadOnlyList<SnapshotNode> Paradigms => OfKind(NodeKind.Paradigm);

    /// <summary>Every technique and method, in tree order (paradigm by paradigm, parents before children).</summary>
    public IReadOnlyList<SnapshotNode> Techniques { get; }

    /// <summary>Relation types by slug.</summary>
    public IReadOnlyList<RelationTypeRow> RelationTypes { get; }

    /// <summary>Relationships by id.</summary>
    public IReadOnlyList<SnapshotEdge> Relationships { get; }

    public int NodeCount => _byId.Count;

    /// <summary>Comparison tables by position, then slug.</summary>
    public IReadOnlyList<SnapshotComparison> Comparisons { get; }

    public bool TryGetComparison(string slug, [NotNullWhen(true)] out SnapshotComparison? comparison) =>
        _comparisonsBySlug.TryGetValue(slug, out comparison);

    /// <summary>The rows about <paramref name="node"/>, one per comparison it is in, in the comparisons' order.</summary>
    public IReadOnlyList<SnapshotComparisonRow> ComparisonRowsOf(SnapshotNode node) =>
        _comparisonRowsByNode.TryGetValue(node.Id, out var rows) ? rows : [];

    /// <summary>
    /// The derived index (the search index) made by the factory this snapshot was built with, on first use; null when it
    /// was built without one.
    /// </summary>
    public ISnapshotIndex? Index => _index.Value;

    /// <summary>Every node, in no particular order.</summary>
    public IEnumerable<SnapshotNode> AllNodes => _byId.Values;

    /// <summary>Nodes of one kind: paradigms by position, the others by slug (techniques: see <see cref="Techniques"/>).</summary>
    public IReadOnlyList<SnapshotNode> OfKind(NodeKind kind) => _byKind.TryGetValue(kind, out var list) ? list : [];

    public bool TryGetNode(NodeKind kind, string slug, [NotNullWhen(true)] out SnapshotNode? node) =>
        _bySlug.TryGetValue((kind, slug), out node);

    public bool TryGetNodeById(long id, [NotNullWhen(true)] out SnapshotNode? node) => _byId.TryGetValue(id, out node);

    public bool TryGetRelationType(string slug, [NotNullWhen(true)] out RelationTypeRow? type) =>
        _typesBySlug.TryGetValue(slug, out type);

    public bool TryGetRelationship(long id, [NotNullWhen(true)] out SnapshotEdge? edge)
    {
        // Relationships are held in id order (see Build): a binary search instead of a dictionary of a million entries.
        var (low, high) = (0, Relationships.Count - 1);
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var candidate = Relationships[mid];
            if (candidate.Id == id)
            {
                edge = candidate;
                return true;
            }

            (low, high) = candidate.Id < id ? (mid + 1, high) : (low, mid - 1);
        }

        edge = null;
        return false;
    }

    /// <summary>
    /// The current state of an entity as writers need it for If-Match: its id, its row version (<c>xmin</c>) and the
    /// snapshot's node, edge, relation type or comparison behind it. <paramref name="kind"/> is a node kind
    /// (<c>technique</c>, ...), <c>relationship</c> (key: the id), <c>relation-type</c> or <c>comparison</c> (key: the slug).
    /// </summary>
    public bool TryGetEntity(string kind, string key, [NotNullWhen(true)] out SnapshotEntity? entity)
    {
        entity = null;
        if (NodeKinds.TryParse(kind, out var nodeKind))
        {
            if (TryGetNode(nodeKind, key, out var node))
            {
                entity = new SnapshotEntity(kind, key, node.Id, node.Row.Version, node);
            }
        }
        else if (kind == "relationship")
        {
            if (long.TryParse(key, out var id) && TryGetRelationship(id, out var edge))
            {
                entity = new SnapshotEntity(kind, key, edge.Id, edge.Row.Version, edge);
            }
        }
        else if (kind == "relation-type" && TryGetRelationType(key, out var type))
        {
            entity = new SnapshotEntity(kind, key, type.Id, type.Version, type);
        }
        else if (kind == "comparison" && TryGetComparison(key, out var comparison))
        {
            entity = new SnapshotEntity(kind, key, comparison.Id, comparison.Row.Version, comparison);
        }

        return entity is not null;
    }

    /// <summary>A value derived from this snapshot, computed once on first use.</summary>
    public T Memo<T>(string key, Func<TaxonomySnapshot, T> factory)
        where T : class =>
        (T)_memo.GetOrAdd(key, static (_, state) => state.factory(state.snapshot), (factory, snapshot: this));

    internal int CachedAnswerCount => _answers.Count;

    /// <summary>
    /// The body answering a query (any search text, page URL or graph walk), kept in a bounded cache: a client sending
    /// endless distinct queries must not grow memory. Dashboards and type-ahead repeat a small set, which stay cached.
    /// </summary>
    public T Answer<T>(string key, Func<T> factory)
        where T : class, ICachedValue => (T)_answers.GetOrAdd(key, factory);

    /// <summary>An answer kept by <see cref="Answer"/>, for callers that may refuse instead of answering.</summary>
    public bool TryGetAnswer<T>(string key, [NotNullWhen(true)] out T? value)
        where T : class, ICachedValue
    {
        value = _answers.TryGetValue(key, out var held) ? held as T : null;
        return value is not null;
    }

    /// <summary>
    /// The representation of one entity (detail, its BibTeX, its references), kept in a bounded cache: at 400k
    /// entities a crawler reading every one must not keep them all.
    /// </summary>
    public T Representation<T>(string key, Func<T> factory)
        where T : class, ICachedValue => (T)_details.GetOrAdd(key, factory);

    /// <summary>What a cached body may come to: its bytes, the compressed forms made on demand (well under half of them
    /// for JSON), and the object overhead.</summary>
    private static long CachedSize(ICachedValue value) => value.CachedSize;

    /// <summary>
    /// Resolves the rows into linked nodes. Dangling ids (rows deleted between two queries) are skipped.
    /// <paramref name="index"/> makes the snapshot's <see cref="Index"/> on first use (see <see cref="ISnapshotIndexFactory"/>),
    /// e.g. one patched from the previous snapshot's.
    /// </summary>
    public static TaxonomySnapshot Build(
        SnapshotSource source, long generation = 1, long changeMark = 0, Func<TaxonomySnapshot, ISnapshotIndex>? index = null)
    {
        var byId = new Dictionary<long, SnapshotNode>(source.Nodes.Count);
        for (var i = 0; i < source.Nodes.Count; i++)
        {
            byId[source.Nodes[i].Id] = new SnapshotNode(source.Nodes[i], i);
        }

        foreach (var node in byId.Values)
        {
            if (node.Row.ParentId is { } parentId && byId.TryGetValue(parentId, out var parent) && parent.Id != node.Id)
            {
                node.Parent = parent;
                parent.ChildList.Add(node);
            }

            if (node.Kind == NodeKind.Technique && node.Row.ParadigmId is { } paradigmId && byId.TryGetValue(paradigmId, out var paradigm))
            {
                node.Paradigm = paradigm;
                if (node.Parent is null)
                {
                    paradigm.ChildList.Add(node);
                }
            }

            if (node.Kind == NodeKind.Formula && node.Row.TechniqueId is { } techniqueId && byId.TryGetValue(techniqueId, out var technique))
            {
                node.Technique = technique;
                technique.FormulaList.Add(node);
            }
        }

        // Links and edges are resolved once, counted per node, then placed into arrays of exactly each node's count.
        var count = source.Nodes.Count;
        var references = new int[count];
        var citedBy = new int[count];
        var links = new List<(SnapshotNode Technique, SnapshotNode Reference, ReferenceRole Role)>(source.TechniqueReferences.Count);
        foreach (var link in source.TechniqueReferences)
        {
            if (byId.TryGetValue(link.TechniqueId, out var technique) && byId.TryGetValue(link.ReferenceId, out var reference))
            {
                links.Add((technique, reference, link.Role));
                references[technique.Index]++;
                citedBy[reference.Index]++;
            }
        }

        var types = source.RelationTypes.ToDictionary(t => t.Id);
        var edges = new List<SnapshotEdge>(source.Relationships.Count);
        var outgoing = new int[count];
        var incoming = new int[count];
        // The loader reads them in id order already; sorting a million rows again is only for hand-made sources.
        var relationshipRows = IsSortedById(source.Relationships) ? source.Relationships : source.Relationships.OrderBy(r => r.Id).ToArray();
        foreach (var row in relationshipRows)
        {
            if (types.TryGetValue(row.TypeId, out var type) && byId.TryGetValue(row.SourceId, out var from) && byId.TryGetValue(row.TargetId, out var to))
            {
                edges.Add(new SnapshotEdge(row, type, from, to));
                outgoing[from.Index]++;
                incoming[to.Index]++;
            }
        }

        // Arrays only for the nodes that have such links (a node with none keeps null: no empty array per node).
        var outArrays = Sized<SnapshotEdge>(outgoing);
        var inArrays = Sized<SnapshotEdge>(incoming);
        var referenceArrays = Sized<ReferenceLink>(references);
        var citedByArrays = Sized<ReferenceLink>(citedBy);

        // Filled back to front from the counts, walking backwards: each array ends up in id (or source) order. A node
        // reached here has a count above zero, so its array exists.
        for (var e = edges.Count - 1; e >= 0; e--)
        {
            var edge = edges[e];
            outArrays[edge.Source.Index]![--outgoing[edge.Source.Index]] = edge;
            inArrays[edge.Target.Index]![--incoming[edge.Target.Index]] = edge;
        }

        for (var l = links.Count - 1; l >= 0; l--)
        {
            var (technique, reference, role) = links[l];
            referenceArrays[technique.Index]![--references[technique.Index]] = new ReferenceLink(reference, role);
            citedByArrays[reference.Index]![--citedBy[reference.Index]] = new ReferenceLink(technique, role);
        }

        foreach (var node in byId.Values)
        {
            var i = node.Index;
            node.SetLinks(outArrays[i], inArrays[i], referenceArrays[i], citedByArrays[i]);
        }

        Comparison<ReferenceLink> byReference = (a, b) => CompareReferences(a.Other, b.Other);
        Comparison<ReferenceLink> byTechnique = (a, b) => string.CompareOrdinal(a.Other.Slug, b.Other.Slug);
        foreach (var node in byId.Values)
        {
            node.Freeze(BySourceOrder, byReference, byTechnique);
        }

        var byKind = byId.Values
            .GroupBy(n => n.Kind)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<SnapshotNode>)(g.Key == NodeKind.Paradigm
                    ? g.OrderBy(n => n.Row.Position).ThenBy(n => n.Slug, StringComparer.Ordinal).ToArray()
                    : g.OrderBy(n => n.Slug, StringComparer.Ordinal).ToArray()));

        var techniques = new List<SnapshotNode>();
        var placed = new HashSet<long>();
        foreach (var paradigm in byKind.GetValueOrDefault(NodeKind.Paradigm) ?? [])
        {
            foreach (var top in paradigm.Children)
            {
                AddTree(top, 0, paradigm, techniques, placed);
            }
        }

        // Techniques whose paradigm is missing, or caught in a parent cycle, still get listed.
        foreach (var orphan in byKind.GetValueOrDefault(NodeKind.Technique) ?? [])
        {
            if (!placed.Contains(orphan.Id))
            {
                AddTree(orphan, 0, orphan.Paradigm, techniques, placed);
            }
        }

        return new TaxonomySnapshot(
            source,
            generation,
            changeMark,
            byId,
            byKind,
            techniques,
            source.RelationTypes.OrderBy(t => t.Slug, StringComparer.Ordinal).ToArray(),
            edges,
            (source.Comparisons ?? []).Select(c => new SnapshotComparison(c, byId))
                .OrderBy(c => c.Row.Position).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray(),
            index);
    }

    /// <summary>For each node index, an array of its count of links, or null for none.</summary>
    private static T[]?[] Sized<T>(int[] counts)
    {
        var arrays = new T[]?[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            arrays[i] = counts[i] == 0 ? null : new T[counts[i]];
        }

        return arrays;
    }

    private static bool IsSortedById(IReadOnlyList<RelationshipRow> rows)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            if (rows[i - 1].Id > rows[i].Id)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddTree(SnapshotNode node, int depth, SnapshotNode? paradigm, List<SnapshotNode> order, HashSet<long> placed)
    {
        if (!placed.Add(node.Id))
        {
            return;
        }

        node.Depth = depth;
        node.Paradigm ??= paradigm;
        order.Add(node);
        foreach (var child in node.Children)
        {
            if (child.Kind == NodeKind.Technique)
            {
                AddTree(child, depth + 1, node.Paradigm, order, placed);
            }
        }
    }

    private static int BySourceOrder(SnapshotNode a, SnapshotNode b)
    {
        var byPosition = a.Row.Position.CompareTo(b.Row.Position);
        return byPosition != 0 ? byPosition : string.CompareOrdinal(a.Slug, b.Slug);
    }

    private static int CompareReferences(SnapshotNode a, SnapshotNode b)
    {
        // Oldest first: the paper that introduced a technique usually predates the ones that build on it.
        var byYear = (a.Row.Year ?? int.MaxValue).CompareTo(b.Row.Year ?? int.MaxValue);
        return byYear != 0 ? byYear : string.CompareOrdinal(a.Slug, b.Slug);
    }
}

/// <summary>
/// What a writer needs to check If-Match and guard its UPDATE: the row's id and <c>xmin</c>, and the snapshot's
/// <see cref="Target"/> (a <see cref="SnapshotNode"/>, <see cref="SnapshotEdge"/> or <see cref="RelationTypeRow"/>)
/// that the entity's feature turns into the detail GET serves.
/// </summary>
public sealed class SnapshotEntity(string kind, string key, long id, uint version, object target)
{
    public string Kind { get; } = kind;
    public string Key { get; } = key;
    public long Id { get; } = id;

    /// <summary>The row's <c>xmin</c> when the snapshot was built.</summary>
    public uint Version { get; } = version;

    public object Target { get; } = target;
}
