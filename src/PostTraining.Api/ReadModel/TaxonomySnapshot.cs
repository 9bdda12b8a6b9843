using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The whole taxonomy in memory, immutable once built: lookups by (kind, slug) and id, the trees, relationships in
/// both directions, its <see cref="Index"/> (the search index), and a memo of derived values (serialized
/// representations, sort orders) that lives exactly as long as the snapshot, so nothing cached can outlive the data it
/// was made from. Nodes refer to each other by id (see <see cref="NodeRecord"/>): the records, the id and slug maps'
/// bases and the relationship chunks are shared with the snapshots patched from this one (<see cref="Patch"/>); the
/// <see cref="SnapshotNode"/> and <see cref="SnapshotEdge"/> objects callers get are views made in this snapshot.
/// </summary>
public sealed class TaxonomySnapshot
{
    private const int ViewChunkBits = 12;

    private readonly OverlayMap<long, NodeRecord> _byId;
    private readonly OverlayMap<(NodeKind, string), long> _bySlug;
    private readonly Dictionary<NodeKind, long[]> _byKind;
    private readonly SortedChunks<EdgeRecord> _edges;
    private readonly IReadOnlyList<RelationTypeRow> _typeRows;
    private readonly IReadOnlyList<Comparison>? _comparisonRows;
    private readonly Dictionary<string, RelationTypeRow> _typesBySlug;
    private readonly ConcurrentDictionary<string, object> _memo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SnapshotComparison> _comparisonsBySlug;
    private readonly Dictionary<long, IReadOnlyList<SnapshotComparisonRow>> _comparisonRowsByNode;
    private readonly Lazy<long[]> _techniqueOrder;
    // This snapshot's node views by the records' slots, in chunks made on first use: a node is one object per snapshot.
    private readonly SnapshotNode?[]?[] _views;

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

    internal TaxonomySnapshot(
        long generation,
        long changeMark,
        OverlayMap<long, NodeRecord> byId,
        OverlayMap<(NodeKind, string), long> bySlug,
        Dictionary<NodeKind, long[]> byKind,
        SortedChunks<EdgeRecord> edges,
        int slotCount,
        Func<TaxonomySnapshot, long[]> techniqueOrder,
        IReadOnlyList<RelationTypeRow> relationTypes,
        IReadOnlyList<Comparison>? comparisons,
        Func<TaxonomySnapshot, ISnapshotIndex>? index)
    {
        Generation = generation;
        ChangeMark = changeMark;
        BuiltAt = DateTimeOffset.UtcNow;
        _byId = byId;
        _bySlug = bySlug;
        _byKind = byKind;
        _edges = edges;
        SlotCount = slotCount;
        _views = new SnapshotNode?[]?[(slotCount >> ViewChunkBits) + 1];
        _techniqueOrder = Deferred(this, techniqueOrder);
        _typeRows = relationTypes;
        RelationTypes = relationTypes.OrderBy(t => t.Slug, StringComparer.Ordinal).ToArray();
        _typesBySlug = relationTypes.ToDictionary(t => t.Slug, StringComparer.Ordinal);
        Relationships = new RelationshipList(this, edges);
        _comparisonRows = comparisons;
        Comparisons = (comparisons ?? []).Select(c => new SnapshotComparison(c, NodeOrNull))
            .OrderBy(c => c.Row.Position).ThenBy(c => c.Slug, StringComparer.Ordinal).ToArray();
        _comparisonsBySlug = Comparisons.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        _comparisonRowsByNode = Comparisons.SelectMany(c => c.Rows).GroupBy(r => r.Node.Id)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SnapshotComparisonRow>)g.ToArray());
        _index = Deferred<ISnapshotIndex?>(this, index);
    }

    // Each deferred value gets a closure of its own: lambdas of one constructor would share a single closure, and the
    // tree order's (made on first use, maybe never) would keep the index factory, and through it the previous
    // snapshot's search, alive.
    /// <summary>A factory of a value known already, in a closure of its own (see <see cref="Deferred"/>).</summary>
    internal static Func<TaxonomySnapshot, long[]> Known(long[] order) => _ => order;

    private static Lazy<T> Deferred<T>(TaxonomySnapshot snapshot, Func<TaxonomySnapshot, T>? factory) =>
        new(() => factory is null ? default! : factory(snapshot), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Increases with every rebuild in this process.</summary>
    public long Generation { get; }

    public DateTimeOffset BuiltAt { get; }

    /// <summary>The latest change-feed id the data was read with; a larger one in the database means this snapshot is stale.</summary>
    public long ChangeMark { get; }

    /// <summary>Paradigms by position.</summary>
    public IReadOnlyList<SnapshotNode> Paradigms => OfKind(NodeKind.Paradigm);

    /// <summary>
    /// Every technique and method, in tree order (paradigm by paradigm, parents before children); worked out on first
    /// use after a patch that changed the order, so a write does not pay for walking 100k techniques.
    /// </summary>
    public IReadOnlyList<SnapshotNode> Techniques => NodeList.Of(this, _techniqueOrder.Value);

    /// <summary>Relation types by slug.</summary>
    public IReadOnlyList<RelationTypeRow> RelationTypes { get; }

    /// <summary>Relationships by id.</summary>
    public IReadOnlyList<SnapshotEdge> Relationships { get; }

    public int NodeCount => _byId.Count;

    /// <summary>Comparison tables by position, then slug.</summary>
    public IReadOnlyList<SnapshotComparison> Comparisons { get; }

    internal OverlayMap<long, NodeRecord> Records => _byId;
    internal OverlayMap<(NodeKind, string), long> SlugMap => _bySlug;
    internal IReadOnlyDictionary<NodeKind, long[]> KindOrder => _byKind;
    internal SortedChunks<EdgeRecord> EdgeChunks => _edges;
    internal IReadOnlyList<RelationTypeRow> RelationTypeRows => _typeRows;
    internal IReadOnlyList<Comparison>? ComparisonRows => _comparisonRows;
    internal bool TechniqueOrderKnown => _techniqueOrder.IsValueCreated;
    internal long[] TechniqueOrder => _techniqueOrder.Value;

    /// <summary>Slots given out so far (a patch gives created nodes the next ones).</summary>
    internal int SlotCount { get; }

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
    public IEnumerable<SnapshotNode> AllNodes => _byId.Values.Select(View);

    /// <summary>Nodes of one kind: paradigms by position, the others by slug (techniques: see <see cref="Techniques"/>).</summary>
    public IReadOnlyList<SnapshotNode> OfKind(NodeKind kind) => NodeList.Of(this, _byKind.GetValueOrDefault(kind));

    public bool TryGetNode(NodeKind kind, string slug, [NotNullWhen(true)] out SnapshotNode? node)
    {
        node = _bySlug.TryGetValue((kind, slug), out var id) ? NodeOrNull(id) : null;
        return node is not null;
    }

    public bool TryGetNodeById(long id, [NotNullWhen(true)] out SnapshotNode? node)
    {
        node = NodeOrNull(id);
        return node is not null;
    }

    /// <summary>The node with this id in this snapshot, or null (also for a null id).</summary>
    internal SnapshotNode? NodeOrNull(long? id) =>
        id is { } value && _byId.TryGetValue(value, out var record) ? View(record) : null;

    private SnapshotNode View(NodeRecord record)
    {
        var chunk = record.Slot >> ViewChunkBits;
        var views = Volatile.Read(ref _views[chunk])
            ?? Interlocked.CompareExchange(ref _views[chunk], new SnapshotNode?[1 << ViewChunkBits], null)
            ?? _views[chunk]!;
        var slot = record.Slot & ((1 << ViewChunkBits) - 1);
        return Volatile.Read(ref views[slot])
            ?? Interlocked.CompareExchange(ref views[slot], new SnapshotNode(this, record), null)
            ?? views[slot]!;
    }

    public bool TryGetRelationType(string slug, [NotNullWhen(true)] out RelationTypeRow? type) =>
        _typesBySlug.TryGetValue(slug, out type);

    public bool TryGetRelationship(long id, [NotNullWhen(true)] out SnapshotEdge? edge)
    {
        edge = _edges.TryFind(id, out var record) ? new SnapshotEdge(this, record) : null;
        return edge is not null;
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
    /// Resolves the rows into linked nodes (see <see cref="SnapshotBuilder"/>). Dangling ids (rows deleted between two
    /// queries) are skipped. <paramref name="index"/> makes the snapshot's <see cref="Index"/> on first use (see
    /// <see cref="ISnapshotIndexFactory"/>), e.g. one patched from the previous snapshot's.
    /// </summary>
    public static TaxonomySnapshot Build(
        SnapshotSource source, long generation = 1, long changeMark = 0, Func<TaxonomySnapshot, ISnapshotIndex>? index = null) =>
        SnapshotBuilder.Build(source, generation, changeMark, index);

    /// <summary>
    /// This snapshot with <paramref name="delta"/> applied (see <see cref="SnapshotPatcher"/>): the same lookups as
    /// <see cref="Build"/> of <c>delta.ApplyTo(ToSource())</c>, sharing every record the delta does not touch.
    /// </summary>
    public TaxonomySnapshot Patch(SnapshotDelta delta, long generation, Func<TaxonomySnapshot, ISnapshotIndex>? index = null) =>
        SnapshotPatcher.Patch(this, delta, generation, index);

    /// <summary>The rows this snapshot holds, as a source a full build takes (dangling links of the rows read left out).</summary>
    public SnapshotSource ToSource()
    {
        var nodes = new List<NodeRow>(NodeCount);
        var links = new List<TechniqueReferenceRow>();
        foreach (var record in _byId.Values)
        {
            nodes.Add(record.Row);
            foreach (var link in record.References ?? [])
            {
                links.Add(new TechniqueReferenceRow(record.Id, link.OtherId, link.Role));
            }
        }

        return new SnapshotSource(nodes, links, _typeRows, _edges.Select(e => e.Row).ToArray(), _comparisonRows);
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
