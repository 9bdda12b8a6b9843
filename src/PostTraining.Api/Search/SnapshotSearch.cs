using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Search;

/// <summary>
/// Search over one snapshot. Building a <see cref="SearchIndex"/> over every node takes seconds at 400k nodes, so after
/// a small write the previous snapshot's index stays as the base and only the nodes changed since it was built are
/// indexed again (the delta); the base skips their stale fields. Both fill one bounded page with the same scores and
/// tie-break key (kind, depth, slug) a full index uses, so the hits are exactly those of
/// <see cref="Full"/> over the same snapshot. That holds as long as no node outside the delta changed its kind, depth
/// or slug since the base was built; whoever patches guarantees it (or builds a full index instead).
/// It is the snapshot's <see cref="ISnapshotIndex"/>, made by <see cref="SnapshotSearchFactory"/>.
/// </summary>
public sealed class SnapshotSearch : ISnapshotIndex
{
    /// <summary>Past this many nodes indexed again on top of the base, the next patch rebuilds the search index whole.</summary>
    public const int MaxOverlayNodes = 10_000;

    private const string MemoKey = "search:full";

    private static readonly HashSet<long> NoneExcluded = [];

    private readonly TaxonomySnapshot _snapshot;
    private readonly SearchIndex _base;
    private readonly HashSet<long> _excluded;
    private readonly SearchIndex? _delta;
    private readonly bool _patched;

    private SnapshotSearch(TaxonomySnapshot snapshot, SearchIndex @base, HashSet<long> excluded, SearchIndex? delta, bool patched)
    {
        _snapshot = snapshot;
        _base = @base;
        _excluded = excluded;
        _delta = delta;
        _patched = patched;
    }

    /// <summary>Nodes the base index no longer answers for (created, updated or deleted since it was built).</summary>
    public int DeltaNodeCount => _excluded.Count;

    /// <summary>Fields indexed, stale ones of the base included.</summary>
    public int FieldCount => _base.FieldCount + (_delta?.FieldCount ?? 0);

    /// <summary>The index shared with the searches patched from this one.</summary>
    internal SearchIndex Base => _base;

    /// <inheritdoc/>
    public string Description => _patched ? $"overlay of {DeltaNodeCount} nodes" : "full";

    /// <summary>
    /// The search of <paramref name="snapshot"/>: its index, or, for a snapshot built without the factory (tests, tools),
    /// a full one made once and memoized on it.
    /// </summary>
    public static SnapshotSearch Of(TaxonomySnapshot snapshot) =>
        snapshot.Index as SnapshotSearch ?? snapshot.Memo(MemoKey, Full);

    /// <summary>An index over every node of <paramref name="snapshot"/>.</summary>
    public static SnapshotSearch Full(TaxonomySnapshot snapshot) =>
        new(snapshot, new SearchIndex(snapshot.AllNodes), NoneExcluded, null, patched: false);

    /// <summary>
    /// <paramref name="previous"/>'s base index, reused for <paramref name="snapshot"/>: the nodes in
    /// <paramref name="changedNodeIds"/> (created, updated or deleted since <paramref name="previous"/>'s snapshot) join
    /// those it already excluded, and those of them that still exist are indexed again from <paramref name="snapshot"/>.
    /// Nothing of <paramref name="previous"/> is kept but the base index and the excluded ids.
    /// </summary>
    public static SnapshotSearch Patched(SnapshotSearch previous, IReadOnlyCollection<long> changedNodeIds, TaxonomySnapshot snapshot)
    {
        var excluded = new HashSet<long>(previous._excluded);
        excluded.UnionWith(changedNodeIds);
        if (excluded.Count == 0)
        {
            return new SnapshotSearch(snapshot, previous._base, NoneExcluded, null, patched: true);
        }

        var current = new List<SnapshotNode>(excluded.Count);
        foreach (var id in excluded)
        {
            if (snapshot.TryGetNodeById(id, out var node))
            {
                current.Add(node);
            }
        }

        return new SnapshotSearch(snapshot, previous._base, excluded, new SearchIndex(current), patched: true);
    }

    /// <summary>
    /// Ranked hits, one per node (its best field), nodes of this search's snapshot. <paramref name="prefixOnly"/> is the
    /// type-ahead mode: names, abbreviations, aliases and slugs only, matched from the start of a word, no typo tolerance.
    /// </summary>
    public IReadOnlyList<SearchHit> Find(string query, int limit, IReadOnlySet<NodeKind>? kinds = null, bool prefixOnly = false)
    {
        var parsed = SearchQuery.Parse(query, kinds, prefixOnly);
        if (parsed is null || limit <= 0)
        {
            return [];
        }

        var excluded = _excluded.Count == 0 ? null : _excluded;
        var top = new TopHits(limit);
        _base.ScanExact(parsed, top, excluded);
        _delta?.ScanExact(parsed, top, null);

        // Typos are looked for only when exact and prefix matching left room in the page: a query that already
        // matches well should not be diluted by near misses, and the vocabulary scan is the costly part. The room is
        // judged on the shared page, after both indexes, as a full index would judge it.
        if (top.HasRoom && parsed.AllowsTypos)
        {
            _base.ScanTypos(parsed, top, excluded);
            _delta?.ScanTypos(parsed, top, null);
        }

        // Then, still with room, nodes that match part of the query (half its words and CJK bigrams at least): a
        // Chinese query in other words than the service's still finds the entity that shares most of them.
        if (top.HasRoom)
        {
            _base.ScanPartial(parsed, top, excluded);
            _delta?.ScanPartial(parsed, top, null);
        }

        var hits = new List<SearchHit>(top.Count);
        foreach (var candidate in top.Ranked())
        {
            // Always found while the patching guarantee holds (a node the base answers for is unchanged, so it exists).
            if (_snapshot.TryGetNodeById(candidate.NodeId, out var node))
            {
                hits.Add(candidate.Index.ToHit(candidate, node));
            }
        }

        return hits;
    }
}

/// <summary>
/// Makes each snapshot's <see cref="SnapshotSearch"/> (registered by the composition root as its
/// <see cref="ISnapshotIndexFactory"/>): after a small write, the previous snapshot's base index plus the changed nodes
/// indexed again, unless a node moved in a tree, which shifts the depths the ranking breaks ties with, or the overlay
/// has grown past <see cref="SnapshotSearch.MaxOverlayNodes"/>.
/// </summary>
public sealed class SnapshotSearchFactory : ISnapshotIndexFactory
{
    public ISnapshotIndex Build(TaxonomySnapshot snapshot) => SnapshotSearch.Full(snapshot);

    public Func<TaxonomySnapshot, ISnapshotIndex>? Patch(TaxonomySnapshot previous, SnapshotDelta delta)
    {
        var previousSearch = SnapshotSearch.Of(previous);
        var overlay = !delta.MovesNodes(previous) && previousSearch.DeltaNodeCount + delta.NodeIds.Count <= SnapshotSearch.MaxOverlayNodes;
        return overlay ? s => SnapshotSearch.Patched(previousSearch, delta.NodeIds, s) : null;
    }
}

/// <summary><c>snapshot.Search</c>: the snapshot's <see cref="SnapshotSearch"/>.</summary>
public static class SnapshotSearchExtensions
{
    extension(TaxonomySnapshot snapshot)
    {
        /// <summary>Search over this snapshot (see <see cref="SnapshotSearch.Of"/>).</summary>
        public SnapshotSearch Search => SnapshotSearch.Of(snapshot);
    }
}
