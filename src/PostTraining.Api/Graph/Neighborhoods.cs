using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Graph;

/// <summary>The nodes within <c>depth</c> hops of a center, and every edge walked to reach or join them.</summary>
public sealed record FoundNeighborhood(
    IReadOnlyList<(SnapshotNode Node, int Distance)> Nodes,
    IReadOnlyList<(SnapshotNode Source, SnapshotNode Target, string Type, LocalizedText Name, SnapshotEdge? Edge)> Edges,
    bool Truncated);

public static class Neighborhoods
{
    public static FoundNeighborhood Around(SnapshotNode center, int depth, IReadOnlySet<string>? types, int maxNodes)
    {
        var distance = new Dictionary<SnapshotNode, int> { [center] = 0 };
        var order = new List<(SnapshotNode, int)> { (center, 0) };
        var edges = new List<(SnapshotNode, SnapshotNode, string, LocalizedText, SnapshotEdge?)>();
        var seenEdges = new HashSet<(long, long, string, long)>();
        var frontier = new List<SnapshotNode> { center };
        var truncated = false;
        for (var d = 1; d <= depth && frontier.Count > 0; d++)
        {
            var next = new List<SnapshotNode>();
            foreach (var node in frontier)
            {
                foreach (var step in GraphSteps.From(node, types))
                {
                    if (!distance.ContainsKey(step.To))
                    {
                        if (distance.Count >= maxNodes)
                        {
                            truncated = true;
                            continue;
                        }

                        distance[step.To] = d;
                        order.Add((step.To, d));
                        next.Add(step.To);
                    }

                    // Each edge once, written in its own direction whichever way it was walked.
                    var (source, target) = step.Forward ? (node, step.To) : (step.To, node);
                    if (seenEdges.Add((source.Id, target.Id, step.Type, step.Edge?.Id ?? 0)))
                    {
                        var name = step.Edge is { } e ? RepresentationMapping.TypeName(e.Type) : GraphSteps.TreeName;
                        edges.Add((source, target, step.Type, name, step.Edge));
                    }
                }
            }

            frontier = next;
        }

        return new FoundNeighborhood(order, edges, truncated);
    }
}
