using PostTraining.Data.Entities;

namespace PostTraining.Data.Content;

/// <summary>
/// Rows as their content (<see cref="ParadigmContent"/>, ...): the one mapping the loader, the exporter, the write
/// endpoints and the change feed share. Slugs of related rows are passed in, since a caller may hold the related row
/// (the loader, before ids exist) or only its id (the write endpoints). Empty lists and absent texts are null.
/// </summary>
public static class ContentOf
{
    public static ParadigmContent Paradigm(Paradigm p) => new()
    {
        Slug = p.Slug,
        Name = Text(p.NameEn, p.NameZh),
        Goal = Text(p.GoalEn, p.GoalZh),
        Description = Text(p.DescriptionEn, p.DescriptionZh),
        Aliases = List(p.Aliases),
        Position = p.Position,
        Verified = p.Verified,
    };

    public static TechniqueContent Technique(Technique t, string? paradigm, string? parent) => new()
    {
        Slug = t.Slug,
        Paradigm = paradigm,
        Parent = parent,
        Kind = Wire.TechniqueKinds.Name(t.TechniqueKind),
        Name = Text(t.NameEn, t.NameZh),
        Abbreviation = t.Abbreviation,
        Aliases = List(t.Aliases),
        Description = Text(t.DescriptionEn, t.DescriptionZh),
        Year = t.Year,
        Position = t.Position,
        Verified = t.Verified,
        LacksReference = t.LacksReference,
    };

    public static ReferenceContent Reference(Reference r) => new()
    {
        Slug = r.Slug,
        Title = r.NameEn,
        Authors = List(r.Authors),
        AuthorsTruncated = r.AuthorsTruncated,
        Year = r.Year,
        Venue = r.Venue,
        Url = r.Url,
        ArxivId = r.ArxivId,
        Doi = r.Doi,
        Language = r.Language,
        Description = Text(r.DescriptionEn, r.DescriptionZh),
        Position = r.Position,
        Verified = r.Verified,
    };

    /// <summary><paramref name="reference"/>: the slug of the reference the formula's provenance rests on.</summary>
    public static FormulaContent Formula(Formula f, string? technique, string? reference) => new()
    {
        Slug = f.Slug,
        Technique = technique,
        Name = Text(f.NameEn, f.NameZh),
        Latex = f.Latex,
        Symbols = f.Symbols.Count == 0 ? null : [.. f.Symbols.Select(s => new FormulaSymbolContent { Symbol = s.Symbol, Meaning = Text(s.MeaningEn, s.MeaningZh) })],
        Description = Text(f.DescriptionEn, f.DescriptionZh),
        Reference = reference,
        Position = f.Position,
        Verified = f.Verified,
    };

    /// <summary>A model's references are stored as its provenance reference only: the list holds that one.</summary>
    public static ModelContent Model(Model m, string? reference) => new()
    {
        Slug = m.Slug,
        Name = Text(m.NameEn, m.NameZh),
        Parameters = m.Parameters,
        Organization = m.Organization,
        Aliases = List(m.Aliases),
        Description = Text(m.DescriptionEn, m.DescriptionZh),
        References = reference is null ? null : [reference],
        Position = m.Position,
        Verified = m.Verified,
    };

    public static DatasetContent Dataset(Node d, string? parent, string? reference) => new()
    {
        Slug = d.Slug,
        Parent = parent,
        Name = Text(d.NameEn, d.NameZh),
        Aliases = List(d.Aliases),
        Description = Text(d.DescriptionEn, d.DescriptionZh),
        Reference = reference,
        Position = d.Position,
        Verified = d.Verified,
    };

    public static LimitationContent Limitation(Node l) => new()
    {
        Slug = l.Slug,
        Name = Text(l.NameEn, l.NameZh),
        Description = Text(l.DescriptionEn, l.DescriptionZh),
        Position = l.Position,
        Verified = l.Verified,
    };

    public static ApplicationContent Application(Node a, string? parent) => new()
    {
        Slug = a.Slug,
        Parent = parent,
        Name = Text(a.NameEn, a.NameZh),
        Description = Text(a.DescriptionEn, a.DescriptionZh),
        Position = a.Position,
        Verified = a.Verified,
    };

    public static RelationTypeContent RelationType(RelationType t) => new()
    {
        Slug = t.Slug,
        Name = Text(t.NameEn, t.NameZh),
        InverseName = Text(t.InverseNameEn, t.InverseNameZh),
        Description = Text(t.DescriptionEn, t.DescriptionZh),
        Symmetric = t.Symmetric,
        Transitive = t.Transitive,
        Acyclic = t.Acyclic,
        Prerequisite = t.Prerequisite,
    };

    /// <summary><paramref name="source"/> and <paramref name="target"/> as "kind:slug"; <paramref name="reference"/> the provenance's reference.</summary>
    public static RelationshipContent Relationship(Relationship r, string type, string source, string target, string? reference) => new()
    {
        Type = type,
        Source = source,
        Target = target,
        Reference = reference,
        Note = Text(r.NoteEn, r.NoteZh),
        Verified = r.Verified,
    };

    public static TechniqueReferenceContent TechniqueReference(string technique, string reference, ReferenceRole role) => new()
    {
        Technique = technique,
        Reference = reference,
        Role = Wire.ReferenceRoles.Name(role),
    };

    /// <summary>
    /// A comparison with its axes and rows in position order; <paramref name="slugOf"/> names a node by id (a row's
    /// entity, a row's or the table's reference), <see cref="ComparisonRules.EntityKey"/> spells a row's entity.
    /// </summary>
    public static ComparisonContent Comparison(Comparison c, Func<long, (NodeKind Kind, string Slug)?> slugOf)
    {
        var types = c.Axes.ToDictionary(a => a.Slug, a => a.Type, StringComparer.Ordinal);
        return new()
        {
            Slug = c.Slug,
            Name = Text(c.NameEn, c.NameZh),
            Description = Text(c.DescriptionEn, c.DescriptionZh),
            Source = c.SourceTable is null && c.SourceSection is null && c.SourceReferenceId is null
                ? null
                : new ComparisonSourceContent { Table = c.SourceTable, Section = c.SourceSection, Reference = c.SourceReferenceId is { } r ? slugOf(r)?.Slug : null },
            Position = c.Position,
            Axes = c.Axes.Count == 0 ? null : [.. c.Axes.OrderBy(a => a.Position).Select(a => new ComparisonAxisContent
            {
                Slug = a.Slug,
                Printed = a.Printed,
                Name = Text(a.NameEn, a.NameZh),
                Description = Text(a.DescriptionEn, a.DescriptionZh),
                Type = Wire.ComparisonAxisTypes.Name(a.Type),
                Values = a.Values.Count == 0 ? null : [.. a.Values.Select(v => new ComparisonAxisValueContent { Slug = v.Slug, Printed = v.Printed, Name = Text(v.NameEn, v.NameZh) })],
            })],
            Rows = c.Rows.Count == 0 ? null : [.. c.Rows.OrderBy(r => r.Position).Select(r => new ComparisonRowContent
            {
                Technique = slugOf(r.NodeId) is { } entity ? ComparisonRules.EntityKey(entity.Kind, entity.Slug) : null,
                Printed = r.Printed,
                Reference = r.ReferenceId is { } id ? slugOf(id)?.Slug : null,
                Note = Text(r.NoteEn, r.NoteZh),
                Cells = r.Cells.Count == 0 ? null : [.. r.Cells.Select(cell => new ComparisonCellContent
                {
                    Axis = cell.Axis,
                    Printed = cell.Printed,
                    Values = [.. cell.Values.Select(v => ComparisonRules.ValueElement(types.GetValueOrDefault(cell.Axis), v))],
                    Note = Text(cell.NoteEn, cell.NoteZh),
                })],
            })],
        };
    }

    public static LocalizedText? Text(string? en, string? zh) => LocalizedText.OrNull(en, zh);

    public static IReadOnlyList<string>? List(List<string> items) => items.Count == 0 ? null : [.. items];
}
