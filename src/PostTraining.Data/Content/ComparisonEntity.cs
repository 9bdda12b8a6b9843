using PostTraining.Data.Entities;

namespace PostTraining.Data.Content;

/// <summary>Checked comparison content (<see cref="ComparisonRules"/>) as the rows that store it: the loader's and the writers' one mapping.</summary>
public static class ComparisonEntity
{
    /// <summary>
    /// Sets <paramref name="target"/>'s members and gives it new axes and rows (the caller removes the old ones first);
    /// <paramref name="nodeId"/> resolves an entity to its id.
    /// </summary>
    public static void Apply(Comparison target, ComparisonContent content, Func<NodeKind, string, long> nodeId)
    {
        target.Slug = content.Slug!;
        (target.NameEn, target.NameZh) = (content.Name?.En, content.Name?.Zh);
        (target.DescriptionEn, target.DescriptionZh) = (content.Description?.En, content.Description?.Zh);
        target.SourceTable = content.Source?.Table;
        target.SourceSection = content.Source?.Section;
        target.SourceReferenceId = content.Source?.Reference is { } source ? nodeId(NodeKind.Reference, source) : null;
        target.Position = content.Position ?? 0;
        target.Axes = [.. (content.Axes ?? []).Select((a, i) => new ComparisonAxis
        {
            Slug = a.Slug!,
            Printed = a.Printed,
            NameEn = a.Name?.En,
            NameZh = a.Name?.Zh,
            DescriptionEn = a.Description?.En,
            DescriptionZh = a.Description?.Zh,
            Type = Wire.ComparisonAxisTypes.Parse(a.Type, ComparisonAxisType.Text),
            Position = i + 1,
            Values = [.. (a.Values ?? []).Select(v => new ComparisonAxisValue { Slug = v.Slug!, Printed = v.Printed, NameEn = v.Name?.En, NameZh = v.Name?.Zh })],
        })];
        target.Rows = [.. (content.Rows ?? []).Select((r, i) =>
        {
            ComparisonRules.TryParseEntityKey(r.Technique, out var kind, out var slug);
            return new ComparisonRow
            {
                NodeId = nodeId(kind, slug),
                Printed = r.Printed,
                ReferenceId = r.Reference is { } reference ? nodeId(NodeKind.Reference, reference) : null,
                NoteEn = r.Note?.En,
                NoteZh = r.Note?.Zh,
                Position = i + 1,
                Cells = [.. (r.Cells ?? []).Select(c => new ComparisonCell
                {
                    Axis = c.Axis!,
                    Printed = c.Printed,
                    Values = [.. c.Values!.Select(ComparisonRules.StoredValue)],
                    NoteEn = c.Note?.En,
                    NoteZh = c.Note?.Zh,
                })],
            };
        })];
    }
}
