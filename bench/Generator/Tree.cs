namespace PostTraining.Bench.Generator;

/// <summary>
/// The shape of the synthetic technique forest: techniques go round-robin to the paradigms; the first few of each
/// paradigm are top-level, every later one hangs under a random earlier technique of its paradigm that is not yet
/// at the maximum depth (a random recursive tree: older techniques gather more children, as real ones do).
/// </summary>
internal sealed class Tree
{
    private Tree(int count, int paradigmCount)
    {
        ParadigmCount = paradigmCount;
        Paradigm = new int[count];
        Parent = new int[count];
        Depth = new int[count];
        Position = new int[count];
    }

    public int ParadigmCount { get; }
    public int[] Paradigm { get; }

    /// <summary>Index of the parent technique, -1 for a top-level technique. Always smaller than the child's.</summary>
    public int[] Parent { get; }

    public int[] Depth { get; }

    /// <summary>Order among siblings.</summary>
    public int[] Position { get; }

    public static Tree Build(Random random, int count, int paradigmCount, int topLevelPerParadigm, int maxDepth)
    {
        var tree = new Tree(count, paradigmCount);
        var candidates = Enumerable.Range(0, paradigmCount).Select(_ => new List<int>()).ToArray();
        var topLevel = new int[paradigmCount];
        var children = new int[count];
        for (var i = 0; i < count; i++)
        {
            var p = i % paradigmCount;
            tree.Paradigm[i] = p;
            if (topLevel[p] < topLevelPerParadigm || candidates[p].Count == 0)
            {
                tree.Parent[i] = -1;
                tree.Depth[i] = 0;
                tree.Position[i] = topLevel[p]++;
            }
            else
            {
                var parent = candidates[p][random.Next(candidates[p].Count)];
                tree.Parent[i] = parent;
                tree.Depth[i] = tree.Depth[parent] + 1;
                tree.Position[i] = children[parent]++;
            }

            if (tree.Depth[i] < maxDepth)
            {
                candidates[p].Add(i);
            }
        }

        return tree;
    }
}
