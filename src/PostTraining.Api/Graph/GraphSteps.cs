using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Graph;

/// <summary>One way to leave a node: along a relationship (either way) or along the tree.</summary>
public readonly record struct GraphStep(SnapshotNode To, string Type, LocalizedText Name, bool Forward, SnapshotEdge? Edge);

/// <summary>
/// The walkable graph: every relationship in both directions (named by the type's name forward, its inverse name
/// backwards) plus the taxonomy tree as type <c>broader</c> (child to parent), so a path can go "DPO is an alternative
/// to RLHF, which contains PPO" even where no relationship spells out the tree.
/// </summary>
public static class GraphSteps
{
    public const string TreeType = "broader";
    public static readonly LocalizedText TreeName = new("sits under", "隶属于");
    public static readonly LocalizedText TreeInverseName = new("contains", "包含");

    /// <summary>Null <paramref name="types"/> walks every type, the tree included.</summary>
    public static IEnumerable<GraphStep> From(SnapshotNode node, IReadOnlySet<string>? types)
    {
        foreach (var e in node.Outgoing)
        {
            if (types is null || types.Contains(e.Type.Slug))
            {
                yield return new GraphStep(e.Target, e.Type.Slug, RepresentationMapping.TypeName(e.Type), true, e);
            }
        }

        foreach (var e in node.Incoming)
        {
            if (types is null || types.Contains(e.Type.Slug))
            {
                yield return new GraphStep(e.Source, e.Type.Slug, RepresentationMapping.InverseName(e.Type), false, e);
            }
        }

        if (types is not null && !types.Contains(TreeType))
        {
            yield break;
        }

        var up = TreeParent(node);
        if (up is not null)
        {
            yield return new GraphStep(up, TreeType, TreeName, true, null);
        }

        foreach (var child in node.Children)
        {
            if (TreeParent(child) == node)
            {
                yield return new GraphStep(child, TreeType, TreeInverseName, false, null);
            }
        }
    }

    /// <summary>
    /// The nodes <see cref="From"/> would step to, without building the steps: the path search's first pass touches
    /// tens of thousands of nodes and needs only where it can go, not how.
    /// </summary>
    public static void Neighbors(SnapshotNode node, IReadOnlySet<string>? types, List<SnapshotNode> into)
    {
        foreach (var e in node.Outgoing)
        {
            if (types is null || types.Contains(e.Type.Slug))
            {
                into.Add(e.Target);
            }
        }

        foreach (var e in node.Incoming)
        {
            if (types is null || types.Contains(e.Type.Slug))
            {
                into.Add(e.Source);
            }
        }

        if (types is not null && !types.Contains(TreeType))
        {
            return;
        }

        if (TreeParent(node) is { } up)
        {
            into.Add(up);
        }

        foreach (var child in node.Children)
        {
            if (TreeParent(child) == node)
            {
                into.Add(child);
            }
        }
    }

    /// <summary>A node's parent in the taxonomy: its parent node, or for a top-level technique its paradigm.</summary>
    public static SnapshotNode? TreeParent(SnapshotNode node) =>
        node.Parent ?? (node.Kind == NodeKind.Technique ? node.Paradigm : null);
}
