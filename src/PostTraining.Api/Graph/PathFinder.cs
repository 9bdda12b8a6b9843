using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Graph;

/// <summary>A path found by <see cref="PathFinder"/>: the steps from the start, in order.</summary>
public sealed record FoundPath(SnapshotNode Start, IReadOnlyList<GraphStep> Steps);

/// <summary>
/// Shortest typed paths between two nodes: a breadth-first search that records every shortest way into each node,
/// stops at the layer that reaches the target (or at <c>maxHops</c>), then unwinds up to <c>maxPaths</c> paths.
/// </summary>
public static class PathFinder
{
    public static IReadOnlyList<FoundPath> Shortest(SnapshotNode from, SnapshotNode to, int maxHops, IReadOnlySet<string>? types, int maxPaths)
    {
        if (from == to)
        {
            return [new FoundPath(from, [])];
        }

        var distance = new Dictionary<SnapshotNode, int> { [from] = 0 };
        var into = new Dictionary<SnapshotNode, List<(SnapshotNode Previous, GraphStep Step)>>();
        var frontier = new List<SnapshotNode> { from };
        for (var depth = 1; depth <= maxHops && frontier.Count > 0 && !distance.ContainsKey(to); depth++)
        {
            var next = new List<SnapshotNode>();
            foreach (var node in frontier)
            {
                foreach (var step in GraphSteps.From(node, types))
                {
                    if (distance.TryGetValue(step.To, out var known))
                    {
                        if (known == depth)
                        {
                            into[step.To].Add((node, step));
                        }

                        continue;
                    }

                    distance[step.To] = depth;
                    into[step.To] = [(node, step)];
                    next.Add(step.To);
                }
            }

            frontier = next;
        }

        if (!distance.ContainsKey(to))
        {
            return [];
        }

        var paths = new List<FoundPath>();
        var reversed = new List<GraphStep>();
        Unwind(to);
        return paths;

        void Unwind(SnapshotNode node)
        {
            if (paths.Count >= maxPaths)
            {
                return;
            }

            if (node == from)
            {
                var steps = reversed.ToArray();
                Array.Reverse(steps);
                paths.Add(new FoundPath(from, steps));
                return;
            }

            foreach (var (previous, step) in into[node])
            {
                reversed.Add(step);
                Unwind(previous);
                reversed.RemoveAt(reversed.Count - 1);
            }
        }
    }
}
