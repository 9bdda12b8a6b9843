using System.Collections;

namespace PostTraining.Api.ReadModel;

// Read-only lists that resolve a record's stored ids in one snapshot as they are read: a node's children, edges and
// reference links, and the snapshot's big lists (nodes of a kind, relationships by id). They copy nothing.

internal sealed class NodeList(TaxonomySnapshot snapshot, long[] ids) : IReadOnlyList<SnapshotNode>
{
    public static IReadOnlyList<SnapshotNode> Of(TaxonomySnapshot snapshot, long[]? ids) =>
        ids is null or { Length: 0 } ? [] : new NodeList(snapshot, ids);

    public int Count => ids.Length;

    public SnapshotNode this[int index] => snapshot.NodeOrNull(ids[index])!;

    public IEnumerator<SnapshotNode> GetEnumerator()
    {
        foreach (var id in ids)
        {
            yield return snapshot.NodeOrNull(id)!;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal sealed class EdgeList(TaxonomySnapshot snapshot, EdgeRecord[] edges) : IReadOnlyList<SnapshotEdge>
{
    public static IReadOnlyList<SnapshotEdge> Of(TaxonomySnapshot snapshot, EdgeRecord[]? edges) =>
        edges is null or { Length: 0 } ? [] : new EdgeList(snapshot, edges);

    public int Count => edges.Length;

    public SnapshotEdge this[int index] => new(snapshot, edges[index]);

    public IEnumerator<SnapshotEdge> GetEnumerator()
    {
        foreach (var edge in edges)
        {
            yield return new SnapshotEdge(snapshot, edge);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

internal sealed class LinkList(TaxonomySnapshot snapshot, LinkRecord[] links) : IReadOnlyList<ReferenceLink>
{
    public static IReadOnlyList<ReferenceLink> Of(TaxonomySnapshot snapshot, LinkRecord[]? links) =>
        links is null or { Length: 0 } ? [] : new LinkList(snapshot, links);

    public int Count => links.Length;

    public ReferenceLink this[int index] => Resolve(links[index]);

    public IEnumerator<ReferenceLink> GetEnumerator()
    {
        foreach (var link in links)
        {
            yield return Resolve(link);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ReferenceLink Resolve(LinkRecord link) => new(snapshot.NodeOrNull(link.OtherId)!, link.Role);
}

internal sealed class RelationshipList(TaxonomySnapshot snapshot, SortedChunks<EdgeRecord> edges) : IReadOnlyList<SnapshotEdge>
{
    public int Count => edges.Count;

    public SnapshotEdge this[int index] => new(snapshot, edges[index]);

    public IEnumerator<SnapshotEdge> GetEnumerator()
    {
        foreach (var edge in edges)
        {
            yield return new SnapshotEdge(snapshot, edge);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
