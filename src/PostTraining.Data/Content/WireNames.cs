using PostTraining.Data.Entities;

namespace PostTraining.Data.Content;

/// <summary>One enum's names on the wire (data files, request and response bodies, the change feed, query values).</summary>
public sealed class WireNames<T>
    where T : struct, Enum
{
    private readonly Dictionary<T, string> _names;
    private readonly Dictionary<string, T> _values;

    public WireNames(params (T Value, string Name)[] pairs)
    {
        _names = pairs.ToDictionary(p => p.Value, p => p.Name);
        _values = pairs.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        Names = [.. pairs.Select(p => p.Name)];
        foreach (var value in Enum.GetValues<T>().Where(v => !_names.ContainsKey(v)))
        {
            throw new InvalidOperationException($"{typeof(T).Name}.{value} has no wire name.");
        }
    }

    /// <summary>Every name, in the order the table lists them (the first is the default where one applies).</summary>
    public IReadOnlyList<string> Names { get; }

    public string Name(T value) => _names[value];

    public bool TryParse(string? name, out T value) => _values.TryGetValue(name ?? "", out value);

    /// <summary>The value named, or <paramref name="fallback"/> when the name is absent or unknown.</summary>
    public T Parse(string? name, T fallback) => TryParse(name, out var value) ? value : fallback;
}

/// <summary>The wire-name table of each enum of the content contract.</summary>
public static class Wire
{
    public static readonly WireNames<TechniqueKind> TechniqueKinds = new(
        (TechniqueKind.Technique, "technique"),
        (TechniqueKind.Method, "method"));

    public static readonly WireNames<ReferenceRole> ReferenceRoles = new(
        (ReferenceRole.Introduces, "introduces"),
        (ReferenceRole.Defines, "defines"),
        (ReferenceRole.Describes, "describes"),
        (ReferenceRole.Uses, "uses"));

    public static readonly WireNames<SourceKind> SourceKinds = new(
        (SourceKind.Document, "document"),
        (SourceKind.Curated, "curated"),
        (SourceKind.Api, "api"));

    /// <summary>The <c>kind</c> member, the <c>kind:slug</c> prefix and (plus "s") the collection path.</summary>
    public static readonly WireNames<NodeKind> NodeKinds = new(
        (NodeKind.Paradigm, "paradigm"),
        (NodeKind.Technique, "technique"),
        (NodeKind.Reference, "reference"),
        (NodeKind.Model, "model"),
        (NodeKind.Dataset, "dataset"),
        (NodeKind.Limitation, "limitation"),
        (NodeKind.Formula, "formula"),
        (NodeKind.Application, "application"));

    public static readonly WireNames<ComparisonAxisType> ComparisonAxisTypes = new(
        (ComparisonAxisType.Choice, "choice"),
        (ComparisonAxisType.Number, "number"),
        (ComparisonAxisType.Text, "text"));

    /// <summary>"kind:slug", the way relationships name their ends.</summary>
    public static string NodeKey(NodeKind kind, string slug) => $"{NodeKinds.Name(kind)}:{slug}";
}
