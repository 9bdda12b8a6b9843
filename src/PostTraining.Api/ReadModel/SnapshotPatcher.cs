using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// Applies a <see cref="SnapshotDelta"/> to a snapshot by replacing only the records it touches: the changed nodes,
/// and their neighbours whose lists name them (parent's children, formula's technique, both ends of a changed
/// relationship, both ends of a changed technique-reference link, lists whose order the change moves). Everything else
/// (hundreds of thousands of records, the id and slug maps' bases, the relationship chunks nothing fell in) is the
/// same object in both snapshots. Changes a patch does not cover return a full build of the same rows instead: a node
/// moved in a tree or changing kind (a subtree's depths move), a deleted node that still has children or formulas, a
/// created node whose parent or technique is created in the same delta.
/// </summary>
internal static class SnapshotPatcher
{
    public static TaxonomySnapshot Patch(TaxonomySnapshot before, SnapshotDelta delta, long generation, Func<TaxonomySnapshot, ISnapshotIndex>? index)
    {
        var fresh = new Dictionary<long, NodeRow>();
        foreach (var row in delta.Nodes)
        {
            fresh[row.Id] = row;
        }

        var removed = delta.NodeIds.Where(id => !fresh.ContainsKey(id) && before.Records.TryGetValue(id, out _)).ToHashSet();
        var created = fresh.Values.Where(r => !before.Records.TryGetValue(r.Id, out _)).ToList();
        if (!Patchable(before, delta, fresh, removed, created))
        {
            return TaxonomySnapshot.Build(delta.ApplyTo(before.ToSource()), generation, delta.ChangeMark, index);
        }

        return new Work(before, fresh, removed).Apply(delta, created, generation, index);
    }

    private static bool Patchable(TaxonomySnapshot before, SnapshotDelta delta, Dictionary<long, NodeRow> fresh, HashSet<long> removed, List<NodeRow> created)
    {
        if (delta.MovesNodes(before))
        {
            return false;
        }

        foreach (var id in removed)
        {
            before.Records.TryGetValue(id, out var record);
            if ((record!.Children ?? []).Concat(record.Formulas ?? []).Any(c => !removed.Contains(c)))
            {
                return false;
            }
        }

        var createdIds = created.Select(r => r.Id).ToHashSet();
        return !created.Any(r => r.ParentId is { } p && createdIds.Contains(p) && p != r.Id
            || r.TechniqueId is { } t && createdIds.Contains(t) && r.Kind == NodeKind.Formula);
    }

    /// <summary>One patch in progress: the records replaced so far (null: removed) over the previous snapshot's.</summary>
    private sealed class Work(TaxonomySnapshot before, Dictionary<long, NodeRow> fresh, HashSet<long> removed)
    {
        private readonly Dictionary<long, NodeRecord?> _records = [];
        private readonly HashSet<long> _resortChildren = [];
        private readonly HashSet<long> _resortFormulas = [];
        private readonly HashSet<long> _resortReferences = [];
        private readonly HashSet<long> _resortCitedBy = [];

        private NodeRecord? Get(long id) =>
            _records.TryGetValue(id, out var record) ? record : before.Records.TryGetValue(id, out var held) ? held : null;

        private NodeRow RowOf(long id) => Get(id)!.Row;

        private void Update(long id, Func<NodeRecord, NodeRecord> change)
        {
            if (Get(id) is { } record)
            {
                _records[id] = change(record);
            }
        }

        public TaxonomySnapshot Apply(SnapshotDelta delta, List<NodeRow> created, long generation, Func<TaxonomySnapshot, ISnapshotIndex>? index)
        {
            var removedEdges = new HashSet<long>();
            var orderChanged = new HashSet<NodeKind>();
            var treeOrderChanged = false;
            var renamed = new List<(NodeKind Kind, string OldSlug, string NewSlug, long Id)>();

            // Deleted nodes leave their parent's, technique's, neighbours' and references' lists, with their edges.
            foreach (var id in removed)
            {
                var record = Get(id)!;
                Detach(record);
                foreach (var edge in (record.Outgoing ?? []).Concat(record.Incoming ?? []))
                {
                    if (removedEdges.Add(edge.Id))
                    {
                        RemoveEdge(edge);
                    }
                }

                foreach (var link in record.References ?? [])
                {
                    Update(link.OtherId, r => r with { CitedBy = Without(r.CitedBy, l => l.OtherId == id) });
                }

                foreach (var link in record.CitedBy ?? [])
                {
                    Update(link.OtherId, r => r with { References = Without(r.References, l => l.OtherId == id) });
                }

                _records[id] = null;
                orderChanged.Add(record.Row.Kind);
                treeOrderChanged |= record.Row.Kind == NodeKind.Technique;
                renamed.Add((record.Row.Kind, record.Row.Slug, "", id));
            }

            // Rows changed in place: the record keeps its links; lists sorted by what changed are sorted again.
            foreach (var row in fresh.Values)
            {
                if (!before.Records.TryGetValue(row.Id, out _) || Get(row.Id) is not { } record)
                {
                    continue;
                }

                var old = record.Row;
                _records[row.Id] = record with { Row = row };
                if (old.Slug != row.Slug)
                {
                    renamed.Add((row.Kind, old.Slug, row.Slug, row.Id));
                    orderChanged.Add(row.Kind);
                    _resortCitedBy.UnionWith((record.References ?? []).Select(l => l.OtherId));
                }

                if (old.Slug != row.Slug || old.Position != row.Position)
                {
                    treeOrderChanged |= row.Kind is NodeKind.Technique or NodeKind.Paradigm;
                    orderChanged.Add(row.Kind);
                    ResortSiblings(record);
                }

                if (old.Slug != row.Slug || old.Year != row.Year)
                {
                    _resortReferences.UnionWith((record.CitedBy ?? []).Select(l => l.OtherId));
                }
            }

            // Created nodes: paradigms first, so that techniques created with them find them.
            var slot = before.SlotCount;
            foreach (var row in created.OrderBy(r => r.Kind == NodeKind.Paradigm ? 0 : 1))
            {
                var parentId = row.ParentId is { } p && p != row.Id && Get(p) is not null ? p : (long?)null;
                var paradigmId = row.Kind == NodeKind.Technique && row.ParadigmId is { } q && Get(q) is not null ? q : (long?)null;
                var techniqueId = row.Kind == NodeKind.Formula && row.TechniqueId is { } t && Get(t) is not null ? t : (long?)null;
                var depth = 0;
                if (row.Kind == NodeKind.Technique && parentId is { } parent)
                {
                    // As the build's tree walk places it: one below a technique parent (taking its paradigm when it has
                    // none of its own), at the top under a paradigm parent.
                    var parentRecord = Get(parent)!;
                    if (parentRecord.Row.Kind == NodeKind.Technique)
                    {
                        depth = parentRecord.Depth + 1;
                        paradigmId ??= parentRecord.ParadigmId;
                    }
                    else if (parentRecord.Row.Kind == NodeKind.Paradigm)
                    {
                        paradigmId ??= parent;
                    }
                }

                _records[row.Id] = new NodeRecord(row, slot++, parentId, paradigmId, techniqueId, depth, null, null, null, null, null, null);
                if (parentId is { } under)
                {
                    Update(under, r => r with { Children = [.. r.Children ?? [], row.Id] });
                    _resortChildren.Add(under);
                }
                else if (row.Kind == NodeKind.Technique && row.ParadigmId is { } top && Get(top) is not null)
                {
                    Update(top, r => r with { Children = [.. r.Children ?? [], row.Id] });
                    _resortChildren.Add(top);
                }

                if (techniqueId is { } owner)
                {
                    Update(owner, r => r with { Formulas = [.. r.Formulas ?? [], row.Id] });
                    _resortFormulas.Add(owner);
                }

                orderChanged.Add(row.Kind);
                treeOrderChanged |= row.Kind is NodeKind.Technique or NodeKind.Paradigm;
                renamed.Add((row.Kind, "", row.Slug, row.Id));
            }

            var addedEdges = PatchRelationships(delta, removedEdges);
            PatchLinks(delta);
            Resort();

            var byKind = new Dictionary<NodeKind, long[]>(before.KindOrder);
            foreach (var kind in orderChanged)
            {
                byKind[kind] = KindOrder(kind, byKind.GetValueOrDefault(kind) ?? []);
            }

            var records = _records.Where(r => r.Value is not null).Select(r => KeyValuePair.Create(r.Key, r.Value!)).ToList();
            var removedIds = _records.Where(r => r.Value is null).Select(r => r.Key).ToList();
            var slugsRemoved = renamed.Where(r => r.OldSlug != "").Select(r => (r.Kind, r.OldSlug)).ToList();
            var slugsSet = renamed.Where(r => r.NewSlug != "").Select(r => KeyValuePair.Create((r.Kind, r.NewSlug), r.Id)).ToList();
            removedEdges.UnionWith(delta.RelationshipIds);
            var previousOrder = before.TechniqueOrderKnown && !treeOrderChanged ? before.TechniqueOrder : null;
            return new TaxonomySnapshot(
                generation,
                delta.ChangeMark,
                before.Records.With(records, removedIds),
                before.SlugMap.With(slugsSet, slugsRemoved),
                byKind,
                before.EdgeChunks.With(removedEdges, addedEdges),
                slot,
                previousOrder is null ? TreeOrder : TaxonomySnapshot.Known(previousOrder),
                before.RelationTypeRows,
                delta.Comparisons ?? before.ComparisonRows,
                index);
        }

        private void Detach(NodeRecord record)
        {
            var id = record.Id;
            foreach (var owner in new[] { record.ParentId, record.ParadigmId })
            {
                if (owner is { } o && Get(o)?.Children?.Contains(id) == true)
                {
                    Update(o, r => r with { Children = Without(r.Children, c => c == id) });
                }
            }

            if (record.TechniqueId is { } t)
            {
                Update(t, r => r with { Formulas = Without(r.Formulas, f => f == id) });
            }
        }

        private void ResortSiblings(NodeRecord record)
        {
            if (record.ParentId is { } parent)
            {
                _resortChildren.Add(parent);
            }
            else if (record.ParadigmId is { } paradigm)
            {
                _resortChildren.Add(paradigm);
            }

            if (record.TechniqueId is { } technique)
            {
                _resortFormulas.Add(technique);
            }
        }

        private void RemoveEdge(EdgeRecord edge)
        {
            var id = edge.Id;
            Update(edge.SourceId, r => r with { Outgoing = Without(r.Outgoing, e => e.Id == id) });
            Update(edge.TargetId, r => r with { Incoming = Without(r.Incoming, e => e.Id == id) });
        }

        private List<EdgeRecord> PatchRelationships(SnapshotDelta delta, HashSet<long> removedEdges)
        {
            foreach (var id in delta.RelationshipIds)
            {
                if (!removedEdges.Contains(id) && before.EdgeChunks.TryFind(id, out var old))
                {
                    RemoveEdge(old);
                }
            }

            var types = before.RelationTypeRows.ToDictionary(t => t.Id);
            var added = new List<EdgeRecord>();
            foreach (var row in delta.Relationships.OrderBy(r => r.Id))
            {
                if (types.TryGetValue(row.TypeId, out var type) && Get(row.SourceId) is not null && Get(row.TargetId) is not null)
                {
                    var edge = new EdgeRecord(row, type);
                    added.Add(edge);
                    Update(row.SourceId, r => r with { Outgoing = InIdOrder(r.Outgoing, edge) });
                    Update(row.TargetId, r => r with { Incoming = InIdOrder(r.Incoming, edge) });
                }
            }

            return added;
        }

        private void PatchLinks(SnapshotDelta delta)
        {
            var fresh = delta.Links.GroupBy(l => l.TechniqueId).ToDictionary(g => g.Key, g => g.ToList());
            foreach (var techniqueId in delta.LinkTechniqueIds.Concat(fresh.Keys).Distinct())
            {
                if (Get(techniqueId) is not { } technique)
                {
                    continue;
                }

                foreach (var link in technique.References ?? [])
                {
                    Update(link.OtherId, r => r with { CitedBy = Without(r.CitedBy, l => l.OtherId == techniqueId) });
                }

                var links = (fresh.GetValueOrDefault(techniqueId) ?? []).Where(l => Get(l.ReferenceId) is not null).ToArray();
                Update(techniqueId, r => r with { References = links.Length == 0 ? null : [.. links.Select(l => new LinkRecord(l.ReferenceId, l.Role))] });
                foreach (var link in links)
                {
                    Update(link.ReferenceId, r => r with { CitedBy = [.. r.CitedBy ?? [], new LinkRecord(techniqueId, link.Role)] });
                    _resortCitedBy.Add(link.ReferenceId);
                }

                _resortReferences.Add(techniqueId);
            }
        }

        private void Resort()
        {
            foreach (var id in _resortChildren)
            {
                Update(id, r => r with { Children = SortedRows(r.Children) });
            }

            foreach (var id in _resortFormulas)
            {
                Update(id, r => r with { Formulas = SortedRows(r.Formulas) });
            }

            var byReference = Orders.References(RowOf);
            foreach (var id in _resortReferences)
            {
                Update(id, r => r with { References = Sorted(r.References, byReference) });
            }

            var byTechnique = Orders.CitingTechniques(RowOf);
            foreach (var id in _resortCitedBy)
            {
                Update(id, r => r with { CitedBy = Sorted(r.CitedBy, byTechnique) });
            }
        }

        private long[]? SortedRows(long[]? ids)
        {
            if (ids is not { Length: > 1 })
            {
                return ids;
            }

            var rows = ids.Select(RowOf).ToArray();
            Array.Sort(rows, Orders.BySourceOrder);
            return [.. rows.Select(r => r.Id)];
        }

        private static T[]? Sorted<T>(T[]? items, Comparison<T> order)
        {
            if (items is not { Length: > 1 })
            {
                return items;
            }

            var copy = (T[])items.Clone();
            Array.Sort(copy, order);
            return copy;
        }

        /// <summary>The kind's ids in order, without the removed and with the created and reordered put in place.</summary>
        private long[] KindOrder(NodeKind kind, long[] previous)
        {
            var order = Orders.OfKind(kind, RowOf);
            var list = new List<long>(previous.Length + 1);
            foreach (var id in previous)
            {
                if (!_records.ContainsKey(id))
                {
                    list.Add(id);
                }
            }

            foreach (var (id, record) in _records)
            {
                if (record is not null && record.Row.Kind == kind)
                {
                    var at = list.BinarySearch(id, Comparer<long>.Create(order));
                    list.Insert(at < 0 ? ~at : at, id);
                }
            }

            return [.. list];
        }

        /// <summary>Techniques in tree order, from the records, for a patch that changed it (worked out on first use).</summary>
        private static long[] TreeOrder(TaxonomySnapshot snapshot)
        {
            var order = new List<long>();
            var placed = new HashSet<long>();
            void AddTree(NodeRecord node)
            {
                if (!placed.Add(node.Id))
                {
                    return;
                }

                order.Add(node.Id);
                foreach (var child in node.Children ?? [])
                {
                    if (snapshot.Records.TryGetValue(child, out var c) && c.Row.Kind == NodeKind.Technique)
                    {
                        AddTree(c);
                    }
                }
            }

            foreach (var paradigm in snapshot.KindOrder.GetValueOrDefault(NodeKind.Paradigm) ?? [])
            {
                snapshot.Records.TryGetValue(paradigm, out var p);
                foreach (var top in p!.Children ?? [])
                {
                    snapshot.Records.TryGetValue(top, out var t);
                    AddTree(t!);
                }
            }

            foreach (var orphan in snapshot.KindOrder.GetValueOrDefault(NodeKind.Technique) ?? [])
            {
                snapshot.Records.TryGetValue(orphan, out var o);
                AddTree(o!);
            }

            return [.. order];
        }

        private static T[]? Without<T>(T[]? items, Func<T, bool> drop)
        {
            if (items is null)
            {
                return null;
            }

            var kept = items.Where(i => !drop(i)).ToArray();
            return kept.Length == 0 ? null : kept;
        }

        private static EdgeRecord[] InIdOrder(EdgeRecord[]? edges, EdgeRecord edge) =>
            [.. (edges ?? []).Where(e => e.Id != edge.Id).Append(edge).OrderBy(e => e.Id)];
    }
}
