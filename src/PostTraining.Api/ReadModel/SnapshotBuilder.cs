using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A full build: resolves every row into <see cref="NodeRecord"/>s (links as ids), counted per node first and placed
/// into arrays of exactly each node's size. Pure, so unit tests build snapshots from in-memory rows.
/// </summary>
internal static class SnapshotBuilder
{
    public static TaxonomySnapshot Build(SnapshotSource source, long generation, long changeMark, Func<TaxonomySnapshot, ISnapshotIndex>? index)
    {
        // Slots in source order; a repeated id keeps the last row, as a dictionary by id would.
        var slotOf = new Dictionary<long, int>(source.Nodes.Count);
        var rows = new List<NodeRow>(source.Nodes.Count);
        foreach (var row in source.Nodes)
        {
            if (slotOf.TryGetValue(row.Id, out var existing))
            {
                rows[existing] = row;
            }
            else
            {
                slotOf[row.Id] = rows.Count;
                rows.Add(row);
            }
        }

        var count = rows.Count;
        var parent = Filled(count);
        var paradigm = Filled(count);
        var technique = Filled(count);
        var children = new List<int>?[count];
        var formulas = new List<int>?[count];
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            if (row.ParentId is { } parentId && slotOf.TryGetValue(parentId, out var p) && p != i)
            {
                parent[i] = p;
                (children[p] ??= []).Add(i);
            }

            if (row.Kind == NodeKind.Technique && row.ParadigmId is { } paradigmId && slotOf.TryGetValue(paradigmId, out var q))
            {
                paradigm[i] = q;
                if (parent[i] < 0)
                {
                    (children[q] ??= []).Add(i);
                }
            }

            if (row.Kind == NodeKind.Formula && row.TechniqueId is { } techniqueId && slotOf.TryGetValue(techniqueId, out var t))
            {
                technique[i] = t;
                (formulas[t] ??= []).Add(i);
            }
        }

        // Links and edges are resolved once, counted per node, then placed into arrays of exactly each node's count.
        var references = new int[count];
        var citedBy = new int[count];
        var links = new List<(int Technique, int Reference, ReferenceRole Role)>(source.TechniqueReferences.Count);
        foreach (var link in source.TechniqueReferences)
        {
            if (slotOf.TryGetValue(link.TechniqueId, out var t) && slotOf.TryGetValue(link.ReferenceId, out var r))
            {
                links.Add((t, r, link.Role));
                references[t]++;
                citedBy[r]++;
            }
        }

        var types = source.RelationTypes.ToDictionary(t => t.Id);
        var edges = new List<EdgeRecord>(source.Relationships.Count);
        var outgoing = new int[count];
        var incoming = new int[count];
        // The loader reads them in id order already; sorting a million rows again is only for hand-made sources.
        var relationshipRows = IsSortedById(source.Relationships) ? source.Relationships : source.Relationships.OrderBy(r => r.Id).ToArray();
        foreach (var row in relationshipRows)
        {
            if (types.TryGetValue(row.TypeId, out var type) && slotOf.TryGetValue(row.SourceId, out var from) && slotOf.TryGetValue(row.TargetId, out var to))
            {
                edges.Add(new EdgeRecord(row, type));
                outgoing[from]++;
                incoming[to]++;
            }
        }

        // Arrays only for the nodes that have such links (a node with none keeps null: no empty array per node).
        var outArrays = Sized<EdgeRecord>(outgoing);
        var inArrays = Sized<EdgeRecord>(incoming);
        var referenceArrays = Sized<LinkRecord>(references);
        var citedByArrays = Sized<LinkRecord>(citedBy);

        // Filled back to front from the counts, walking backwards: each array ends up in id (or source) order.
        for (var e = edges.Count - 1; e >= 0; e--)
        {
            var edge = edges[e];
            var (from, to) = (slotOf[edge.SourceId], slotOf[edge.TargetId]);
            outArrays[from]![--outgoing[from]] = edge;
            inArrays[to]![--incoming[to]] = edge;
        }

        for (var l = links.Count - 1; l >= 0; l--)
        {
            var (t, r, role) = links[l];
            referenceArrays[t]![--references[t]] = new LinkRecord(rows[r].Id, role);
            citedByArrays[r]![--citedBy[r]] = new LinkRecord(rows[t].Id, role);
        }

        NodeRow RowOf(long id) => rows[slotOf[id]];
        var byReference = Orders.References(RowOf);
        var byTechnique = Orders.CitingTechniques(RowOf);
        foreach (var array in referenceArrays)
        {
            if (array is { Length: > 1 })
            {
                Array.Sort(array, byReference);
            }
        }

        foreach (var array in citedByArrays)
        {
            if (array is { Length: > 1 })
            {
                Array.Sort(array, byTechnique);
            }
        }

        var byKind = new Dictionary<NodeKind, long[]>();
        foreach (var group in rows.GroupBy(r => r.Kind))
        {
            var ids = group.Select(r => r.Id).ToArray();
            Array.Sort(ids, Orders.OfKind(group.Key, RowOf));
            byKind[group.Key] = ids;
        }

        var childIds = new long[]?[count];
        var formulaIds = new long[]?[count];
        for (var i = 0; i < count; i++)
        {
            childIds[i] = SortedIds(children[i], rows);
            formulaIds[i] = SortedIds(formulas[i], rows);
        }

        // Depths and inherited paradigms, in the tree order the techniques are listed in.
        var depth = new int[count];
        var order = new List<long>();
        var placed = new bool[count];
        void AddTree(int node, int level, int inherited)
        {
            if (placed[node])
            {
                return;
            }

            placed[node] = true;
            depth[node] = level;
            if (paradigm[node] < 0)
            {
                paradigm[node] = inherited;
            }

            order.Add(rows[node].Id);
            foreach (var child in childIds[node] ?? [])
            {
                var c = slotOf[child];
                if (rows[c].Kind == NodeKind.Technique)
                {
                    AddTree(c, level + 1, paradigm[node]);
                }
            }
        }

        foreach (var p in byKind.GetValueOrDefault(NodeKind.Paradigm) ?? [])
        {
            var slot = slotOf[p];
            foreach (var top in childIds[slot] ?? [])
            {
                AddTree(slotOf[top], 0, slot);
            }
        }

        // Techniques whose paradigm is missing, or caught in a parent cycle, still get listed.
        foreach (var orphan in byKind.GetValueOrDefault(NodeKind.Technique) ?? [])
        {
            var slot = slotOf[orphan];
            AddTree(slot, 0, paradigm[slot]);
        }

        var records = new Dictionary<long, NodeRecord>(count);
        var bySlug = new Dictionary<(NodeKind, string), long>(count);
        for (var i = 0; i < count; i++)
        {
            var row = rows[i];
            records[row.Id] = new NodeRecord(
                row, i, IdAt(parent[i]), IdAt(paradigm[i]), IdAt(technique[i]), depth[i],
                childIds[i], formulaIds[i], outArrays[i], inArrays[i], referenceArrays[i], citedByArrays[i]);
            bySlug[(row.Kind, row.Slug)] = row.Id;
        }

        long? IdAt(int slot) => slot < 0 ? null : rows[slot].Id;
        var techniqueOrder = order.ToArray();
        return new TaxonomySnapshot(
            generation, changeMark, OverlayMap<long, NodeRecord>.Of(records), OverlayMap<(NodeKind, string), long>.Of(bySlug), byKind,
            SortedChunks<EdgeRecord>.Of(edges, e => e.Id), count, TaxonomySnapshot.Known(techniqueOrder), source.RelationTypes, source.Comparisons, index);
    }

    private static int[] Filled(int count)
    {
        var array = new int[count];
        Array.Fill(array, -1);
        return array;
    }

    private static long[]? SortedIds(List<int>? slots, List<NodeRow> rows)
    {
        if (slots is null)
        {
            return null;
        }

        var sorted = slots.Select(s => rows[s]).ToArray();
        Array.Sort(sorted, Orders.BySourceOrder);
        return sorted.Select(r => r.Id).ToArray();
    }

    /// <summary>For each node slot, an array of its count of links, or null for none.</summary>
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
}

/// <summary>The orders the snapshot keeps its lists in; a build and a patch sort by the same ones.</summary>
internal static class Orders
{
    /// <summary>Children and formulas: by position, then slug.</summary>
    public static int BySourceOrder(NodeRow a, NodeRow b)
    {
        var byPosition = a.Position.CompareTo(b.Position);
        return byPosition != 0 ? byPosition : string.CompareOrdinal(a.Slug, b.Slug);
    }

    /// <summary>A technique's references: oldest first (the paper that introduced a technique usually predates the ones that build on it), then slug.</summary>
    public static Comparison<LinkRecord> References(Func<long, NodeRow> rowOf) => (x, y) =>
    {
        var (a, b) = (rowOf(x.OtherId), rowOf(y.OtherId));
        var byYear = (a.Year ?? int.MaxValue).CompareTo(b.Year ?? int.MaxValue);
        return byYear != 0 ? byYear : string.CompareOrdinal(a.Slug, b.Slug);
    };

    /// <summary>A reference's techniques: by slug.</summary>
    public static Comparison<LinkRecord> CitingTechniques(Func<long, NodeRow> rowOf) =>
        (x, y) => string.CompareOrdinal(rowOf(x.OtherId).Slug, rowOf(y.OtherId).Slug);

    /// <summary>The nodes of a kind: paradigms by position then slug, the others by slug.</summary>
    public static Comparison<long> OfKind(NodeKind kind, Func<long, NodeRow> rowOf) => kind == NodeKind.Paradigm
        ? (x, y) => BySourceOrder(rowOf(x), rowOf(y))
        : (x, y) => string.CompareOrdinal(rowOf(x).Slug, rowOf(y).Slug);
}
