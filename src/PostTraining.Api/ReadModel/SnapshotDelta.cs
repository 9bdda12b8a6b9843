using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The rows a few writes touched, read fresh from the database: every id listed is replaced by the rows given for it,
/// or dropped when none is given (deleted). Applying it to a snapshot's source yields what a full load would read,
/// without reading the 1.7 million rows that did not change.
/// </summary>
public sealed record SnapshotDelta(
    long ChangeMark,
    int ChangeCount,
    IReadOnlyCollection<long> NodeIds,
    IReadOnlyList<NodeRow> Nodes,
    IReadOnlyCollection<long> RelationshipIds,
    IReadOnlyList<RelationshipRow> Relationships,
    IReadOnlyCollection<long> LinkTechniqueIds,
    IReadOnlyList<TechniqueReferenceRow> Links,
    IReadOnlyList<Comparison>? Comparisons = null)
{
    /// <summary>
    /// True when a node changed its place in a tree (parent, paradigm, or the technique a formula belongs to): the
    /// depths of a whole subtree may then move, which the search index's tie-break order depends on.
    /// </summary>
    public bool MovesNodes(TaxonomySnapshot before)
    {
        foreach (var row in Nodes)
        {
            if (before.TryGetNodeById(row.Id, out var old)
                && (old.Row.ParentId != row.ParentId || old.Row.ParadigmId != row.ParadigmId || old.Row.TechniqueId != row.TechniqueId || old.Kind != row.Kind))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The source with this delta applied; relationships stay in id order, as the loader reads them.</summary>
    public SnapshotSource ApplyTo(SnapshotSource source)
    {
        var nodeIds = NodeIds as ISet<long> ?? NodeIds.ToHashSet();
        var nodes = new List<NodeRow>(source.Nodes.Count + Nodes.Count);
        foreach (var row in source.Nodes)
        {
            if (!nodeIds.Contains(row.Id))
            {
                nodes.Add(row);
            }
        }

        nodes.AddRange(Nodes);

        var linkTechniques = LinkTechniqueIds as ISet<long> ?? LinkTechniqueIds.ToHashSet();
        var links = new List<TechniqueReferenceRow>(source.TechniqueReferences.Count + Links.Count);
        foreach (var link in source.TechniqueReferences)
        {
            if (!linkTechniques.Contains(link.TechniqueId))
            {
                links.Add(link);
            }
        }

        links.AddRange(Links);

        // Comparisons are few: any change to one re-reads them all (null: none changed).
        return new SnapshotSource(nodes, links, source.RelationTypes, MergeById(source.Relationships), Comparisons ?? source.Comparisons);
    }

    /// <summary>Merges the re-read relationships (id order) into the unchanged ones (id order) in one pass.</summary>
    private List<RelationshipRow> MergeById(IReadOnlyList<RelationshipRow> existing)
    {
        var replaced = RelationshipIds as ISet<long> ?? RelationshipIds.ToHashSet();
        var fresh = Relationships;
        var merged = new List<RelationshipRow>(existing.Count + fresh.Count);
        var j = 0;
        foreach (var row in existing)
        {
            while (j < fresh.Count && fresh[j].Id < row.Id)
            {
                merged.Add(fresh[j++]);
            }

            if (!replaced.Contains(row.Id))
            {
                merged.Add(row);
            }
        }

        while (j < fresh.Count)
        {
            merged.Add(fresh[j++]);
        }

        return merged;
    }
}
