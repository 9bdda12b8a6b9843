using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>The public names of node kinds: the <c>kind</c> member, the <c>kind:slug</c> prefix and the collection path.</summary>
public static class NodeKinds
{
    private static readonly Dictionary<string, NodeKind> ByName = Enum.GetValues<NodeKind>()
        .ToDictionary(Name, k => k, StringComparer.Ordinal);

    /// <summary>Kinds in the order search results and exports list them when scores tie.</summary>
    public static readonly IReadOnlyList<NodeKind> DisplayOrder =
    [
        NodeKind.Paradigm, NodeKind.Technique, NodeKind.Formula, NodeKind.Reference, NodeKind.Model,
        NodeKind.Dataset, NodeKind.Limitation, NodeKind.Application,
    ];

    public static IEnumerable<string> Names => ByName.Keys;

    public static string Name(NodeKind kind) => Wire.NodeKinds.Name(kind);

    public static string Collection(NodeKind kind) => Name(kind) + "s";

    public static bool TryParse(string? name, out NodeKind kind) => ByName.TryGetValue(name ?? "", out kind);

    public static int Rank(NodeKind kind) => kind switch
    {
        NodeKind.Paradigm => 0,
        NodeKind.Technique => 1,
        NodeKind.Formula => 2,
        NodeKind.Reference => 3,
        NodeKind.Model => 4,
        NodeKind.Dataset => 5,
        NodeKind.Limitation => 6,
        _ => 7,
    };
}
