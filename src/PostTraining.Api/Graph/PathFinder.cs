using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Graph;

/// <summary>A path found by <see cref="PathFinder"/>: the steps from the start, in order.</summary>
public sealed record FoundPath(SnapshotNode Start, IReadOnlyList<GraphStep> Steps);

/// <summary>What a path search found, or that it gave up because the graph around the ends is too dense.</summary>
public sealed record PathSearch(IReadOnlyList<FoundPath> Paths, bool TooBroad, int Visited);

/// <summary>
/// Shortest typed paths between two nodes. A one-sided breadth-first search visits degree^hops nodes (about 160,000
/// at 4 hops with 20 edges per node), so the length is found first by a bidirectional search, which meets in the
/// middle after about 2 x degree^(hops/2) nodes. A second, forward search then keeps only the nodes that can lie on
/// a shortest path (their distance to the end, known from the backward half, adds up to that length) and unwinds up
/// to <c>maxPaths</c> paths, in the same order a plain breadth-first search would give them. Both halves stop after
/// <c>maxVisited</c> nodes: the caller refuses such a query instead of letting it run.
/// </summary>
public static class PathFinder
{
    /// <summary>Nodes the searches may touch before the query is refused as too broad.</summary>
    public const int DefaultMaxVisited = 200_000;

    public static IReadOnlyList<FoundPath> Shortest(SnapshotNode from, SnapshotNode to, int maxHops, IReadOnlySet<string>? types, int maxPaths) =>
        Search(from, to, maxHops, types, maxPaths, int.MaxValue).Paths;

    public static PathSearch Search(SnapshotNode from, SnapshotNode to, int maxHops, IReadOnlySet<string>? types, int maxPaths, int maxVisited = DefaultMaxVisited)
    {
        if (from == to)
        {
            return new PathSearch([new FoundPath(from, [])], false, 1);
        }

        var meet = Meet(from, to, maxHops, types, maxVisited);
        if (meet.TooBroad)
        {
            return new PathSearch([], true, meet.Visited);
        }

        if (meet.Length < 0)
        {
            return new PathSearch([], false, meet.Visited);
        }

        var length = meet.Length;
        var toEnd = meet.Backward;
        var backwardRadius = meet.BackwardRadius;

        // A node first reached at depth d lies on a shortest path only if it can still reach the end in length - d
        // hops; the backward half knows that distance exactly up to its radius, and beyond it the node must be close
        // enough to the start that the remaining hops exceed that radius.
        bool CanLead(SnapshotNode node, int depth) =>
            toEnd.TryGetValue(node, out var rest) ? depth + rest == length : length - depth > backwardRadius;

        var distance = new Dictionary<SnapshotNode, int> { [from] = 0 };
        var into = new Dictionary<SnapshotNode, List<(SnapshotNode Previous, GraphStep Step)>>();
        var frontier = new List<SnapshotNode> { from };
        for (var depth = 1; depth <= length && frontier.Count > 0; depth++)
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

                    if (!CanLead(step.To, depth))
                    {
                        continue;
                    }

                    distance[step.To] = depth;
                    into[step.To] = [(node, step)];
                    next.Add(step.To);
                }
            }

            frontier = next;
        }

        var paths = new List<FoundPath>();
        if (!distance.ContainsKey(to))
        {
            return new PathSearch(paths, false, meet.Visited + distance.Count);
        }

        var reversed = new List<GraphStep>();
        Unwind(to);
        return new PathSearch(paths, false, meet.Visited + distance.Count);

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

    private sealed record Meeting(int Length, Dictionary<SnapshotNode, int> Backward, int BackwardRadius, bool TooBroad, int Visited);

    /// <summary>
    /// Bidirectional breadth-first search for the length of a shortest path (-1 when none within <paramref name="maxHops"/>),
    /// expanding the smaller frontier one whole layer at a time. Returns the backward distances for the second pass.
    /// </summary>
    private static Meeting Meet(SnapshotNode from, SnapshotNode to, int maxHops, IReadOnlySet<string>? types, int maxVisited)
    {
        var forward = new Dictionary<SnapshotNode, int> { [from] = 0 };
        var backward = new Dictionary<SnapshotNode, int> { [to] = 0 };
        var forwardFrontier = new List<SnapshotNode> { from };
        var backwardFrontier = new List<SnapshotNode> { to };
        int forwardRadius = 0, backwardRadius = 0;
        var buffer = new List<SnapshotNode>();
        while (forwardRadius + backwardRadius < maxHops && forwardFrontier.Count > 0 && backwardFrontier.Count > 0)
        {
            // Walks are undirected (every edge can be taken both ways), so the backward half uses the same steps.
            var expandForward = forwardFrontier.Count <= backwardFrontier.Count;
            var (mine, other, frontier) = expandForward ? (forward, backward, forwardFrontier) : (backward, forward, backwardFrontier);
            var depth = (expandForward ? forwardRadius : backwardRadius) + 1;
            var next = new List<SnapshotNode>();
            var best = int.MaxValue;
            foreach (var node in frontier)
            {
                buffer.Clear();
                GraphSteps.Neighbors(node, types, buffer);
                foreach (var neighbor in buffer)
                {
                    if (mine.ContainsKey(neighbor))
                    {
                        continue;
                    }

                    mine[neighbor] = depth;
                    next.Add(neighbor);
                    if (other.TryGetValue(neighbor, out var rest))
                    {
                        best = Math.Min(best, depth + rest);
                    }
                }

                if (forward.Count + backward.Count > maxVisited)
                {
                    return new Meeting(-1, backward, backwardRadius, true, forward.Count + backward.Count);
                }
            }

            if (expandForward)
            {
                forwardFrontier = next;
                forwardRadius = depth;
            }
            else
            {
                backwardFrontier = next;
                backwardRadius = depth;
            }

            if (best != int.MaxValue)
            {
                return new Meeting(best, backward, backwardRadius, false, forward.Count + backward.Count);
            }
        }

        return new Meeting(-1, backward, backwardRadius, false, forward.Count + backward.Count);
    }
}
