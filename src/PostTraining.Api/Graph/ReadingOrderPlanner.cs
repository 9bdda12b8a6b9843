using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Graph;

/// <summary>
/// What to read before a technique: its prerequisites (targets of its outgoing edges of prerequisite types), theirs,
/// and so on, in an order where everything comes after what it depends on (a depth-first post-order, so a
/// technique appears right after its own prerequisites). Cycles are reported and broken where they close.
/// </summary>
public static class ReadingOrderPlanner
{
    public sealed record Plan(IReadOnlyList<SnapshotNode> Order, IReadOnlyDictionary<SnapshotNode, List<SnapshotNode>> PrerequisiteOf, IReadOnlyList<IReadOnlyList<SnapshotNode>> Cycles);

    public static Plan For(SnapshotNode start, IReadOnlySet<string> types, int maxNodes = 500)
    {
        var order = new List<SnapshotNode>();
        var state = new Dictionary<SnapshotNode, bool>(); // false: on the current path; true: done
        var path = new List<SnapshotNode>();
        var prerequisiteOf = new Dictionary<SnapshotNode, List<SnapshotNode>>();
        var cycles = new List<IReadOnlyList<SnapshotNode>>();

        // An explicit stack instead of recursion: a long chain of prerequisites must not overflow the thread's stack.
        var stack = new Stack<(SnapshotNode Node, IEnumerator<SnapshotNode> Next)>();
        Enter(start);
        while (stack.Count > 0)
        {
            var (node, next) = stack.Peek();
            if (next.MoveNext())
            {
                var prerequisite = next.Current;
                if (!prerequisiteOf.TryGetValue(prerequisite, out var dependents))
                {
                    prerequisiteOf[prerequisite] = dependents = [];
                }

                if (!dependents.Contains(node))
                {
                    dependents.Add(node);
                }

                if (!state.TryGetValue(prerequisite, out var done))
                {
                    if (state.Count < maxNodes)
                    {
                        Enter(prerequisite);
                    }
                }
                else if (!done)
                {
                    cycles.Add([.. path[path.IndexOf(prerequisite)..], prerequisite]);
                }

                continue;
            }

            stack.Pop();
            path.RemoveAt(path.Count - 1);
            state[node] = true;
            order.Add(node);
        }

        return new Plan(order, prerequisiteOf, cycles);

        void Enter(SnapshotNode node)
        {
            state[node] = false;
            path.Add(node);
            var prerequisites = node.Outgoing
                .Where(e => types.Contains(e.Type.Slug))
                .Select(e => e.Target)
                .Distinct()
                .OrderBy(n => n.Row.Year ?? int.MaxValue)
                .ThenBy(n => n.Slug, StringComparer.Ordinal)
                .ToList();
            stack.Push((node, prerequisites.GetEnumerator()));
        }
    }
}
