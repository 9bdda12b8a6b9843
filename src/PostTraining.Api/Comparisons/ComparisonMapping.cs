using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Comparisons;

public static class ComparisonMapping
{
    /// <summary>The comparison's JSON detail as GET serves it, kept with the snapshot; writers compare If-Match with its ETag.</summary>
    public static CachedBody DetailBody(this SnapshotComparison c, TaxonomySnapshot snapshot) =>
        snapshot.Representation($"detail:comparison:{c.Slug}", () => ApiJson.Body(c.ToDetail(), ComparisonJson.Context.ComparisonDetail));

    public static ComparisonSummary ToSummary(this SnapshotComparison c) => new(
        c.Slug, Text(c.Row.NameEn, c.Row.NameZh), Text(c.Row.DescriptionEn, c.Row.DescriptionZh), Source(c), c.Axes.Count, c.Rows.Count, c.Url);

    public static ComparisonDetail ToDetail(this SnapshotComparison c) => new(
        c.Slug,
        Text(c.Row.NameEn, c.Row.NameZh),
        Text(c.Row.DescriptionEn, c.Row.DescriptionZh),
        Source(c),
        [.. c.Axes.Select(ToAxisItem)],
        [.. c.Rows.Select(r => new ComparisonRowItem(ToEntity(r.Node), r.Row.Printed, r.Reference?.ToLink(), Text(r.Row.NoteEn, r.Row.NoteZh),
            [.. r.Cells.Select(cell => ToCellItem(c, cell))]))],
        c.Row.CreatedAt,
        c.Row.UpdatedAt,
        c.Url,
        new ComparisonLinks($"{c.Url}?format=csv", $"{c.Url}?format=markdown"));

    /// <summary>Every comparison row about <paramref name="node"/>, with the axes named, for the technique's detail.</summary>
    public static IReadOnlyList<TechniqueComparison> ComparisonsOf(TaxonomySnapshot snapshot, SnapshotNode node) =>
        [.. snapshot.ComparisonRowsOf(node).Select(r => new TechniqueComparison(
            new ComparisonLink(r.Comparison.Slug, Text(r.Comparison.Row.NameEn, r.Comparison.Row.NameZh), r.Comparison.Url),
            r.Row.Printed,
            r.Reference?.ToLink(),
            Text(r.Row.NoteEn, r.Row.NoteZh),
            [.. r.Cells.Select(cell =>
            {
                r.Comparison.TryGetAxis(cell.Axis, out var axis);
                var item = ToCellItem(r.Comparison, cell);
                return new TechniqueComparisonCell(item.Axis, axis?.Printed, Text(axis?.NameEn, axis?.NameZh), item.Printed, item.Values, item.Note);
            })]))];

    public static ComparisonAxisItem ToAxisItem(ComparisonAxis a) => new(
        a.Slug, a.Printed, Text(a.NameEn, a.NameZh), Text(a.DescriptionEn, a.DescriptionZh), Wire.ComparisonAxisTypes.Name(a.Type),
        a.Type == ComparisonAxisType.Choice ? [.. a.Values.Select(v => new ComparisonValueItem(v.Slug, v.Printed, Text(v.NameEn, v.NameZh)))] : null);

    public static ComparisonCellItem ToCellItem(SnapshotComparison c, ComparisonCell cell)
    {
        var type = c.TryGetAxis(cell.Axis, out var axis) ? axis.Type : ComparisonAxisType.Text;
        return new ComparisonCellItem(cell.Axis, cell.Printed, [.. cell.Values.Select(v => ComparisonRules.ValueElement(type, v))], Text(cell.NoteEn, cell.NoteZh));
    }

    /// <summary>A technique with its summary members; any other entity (a model) with its kind, name and URL.</summary>
    public static ComparedEntity ToEntity(SnapshotNode n) => n.Kind == NodeKind.Technique
        ? new(n.Slug, n.TechniqueKindName(), n.Name(), n.Row.Abbreviation, n.Paradigm?.Slug,
            n.Parent?.Kind == NodeKind.Technique ? n.Parent.Slug : null, n.Depth, n.Row.Year, n.Url)
        : new(n.Slug, n.KindName, n.Name(), n.Row.Abbreviation, null, null, null, n.Row.Year, n.Url);

    private static ComparisonSource Source(SnapshotComparison c) => new(c.Row.SourceTable, c.Row.SourceSection, c.SourceReference?.ToLink());

    private static LocalizedText? Text(string? en, string? zh) => LocalizedText.Of(en, zh);
}
