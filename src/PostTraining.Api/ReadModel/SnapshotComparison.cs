using System.Diagnostics.CodeAnalysis;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// A comparison table in the snapshot: its axes in order, and its rows with the entity each is about resolved to the
/// snapshot's node. Rows whose entity is not in the snapshot (deleted between two reads) are skipped.
/// </summary>
public sealed class SnapshotComparison
{
    private readonly Dictionary<string, ComparisonAxis> _axes;

    internal SnapshotComparison(Comparison row, Func<long?, SnapshotNode?> nodes)
    {
        Row = row;
        Axes = [.. row.Axes.OrderBy(a => a.Position).ThenBy(a => a.Slug, StringComparer.Ordinal)];
        _axes = Axes.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        SourceReference = nodes(row.SourceReferenceId);
        Rows = [.. row.Rows.OrderBy(r => r.Position)
            .Select(r => (Row: r, Node: nodes(r.NodeId)))
            .Where(r => r.Node is not null)
            .Select(r => new SnapshotComparisonRow(this, r.Row, r.Node!, nodes(r.Row.ReferenceId)))];
    }

    public Comparison Row { get; }
    public long Id => Row.Id;
    public string Slug => Row.Slug;
    public string Url => $"/api/v1/comparisons/{Row.Slug}";
    public IReadOnlyList<ComparisonAxis> Axes { get; }
    public IReadOnlyList<SnapshotComparisonRow> Rows { get; }
    public SnapshotNode? SourceReference { get; }

    public bool TryGetAxis(string slug, [NotNullWhen(true)] out ComparisonAxis? axis) => _axes.TryGetValue(slug, out axis);
}

/// <summary>One row of a comparison: the node it is about, its cited reference, its cells by axis.</summary>
public sealed class SnapshotComparisonRow
{
    private readonly Dictionary<string, ComparisonCell> _cells;

    internal SnapshotComparisonRow(SnapshotComparison comparison, ComparisonRow row, SnapshotNode node, SnapshotNode? reference)
    {
        Comparison = comparison;
        Row = row;
        Node = node;
        Reference = reference;
        _cells = row.Cells.ToDictionary(c => c.Axis, StringComparer.Ordinal);
    }

    public SnapshotComparison Comparison { get; }
    public ComparisonRow Row { get; }
    public SnapshotNode Node { get; }
    public SnapshotNode? Reference { get; }

    /// <summary>The row's cells in the comparison's axis order; an empty cell has none.</summary>
    public IEnumerable<ComparisonCell> Cells => Comparison.Axes.Where(a => _cells.ContainsKey(a.Slug)).Select(a => _cells[a.Slug]);

    public bool TryGetCell(string axis, [NotNullWhen(true)] out ComparisonCell? cell) => _cells.TryGetValue(axis, out cell);
}
