using Microsoft.EntityFrameworkCore;
using PostTraining.Data.Entities;

namespace PostTraining.Data.Seed;

/// <summary>
/// Writes the whole database (seeded, curated and API-written rows alike) as one <see cref="ContentFile"/> in the
/// curated format, which <see cref="DataSet"/> and <see cref="SeedLoader"/> accept back. Every value the loader reads
/// is written explicitly (positions, verified flags, provenance section and reference), so loading the export into an
/// empty database rebuilds the same entities and edges.
/// </summary>
/// <remarks>
/// What does not survive the trip: the provenance kind and document name (a loaded export is curated data from the
/// export file), row ids and times. A model's <c>references</c> list is stored only as its provenance reference, so
/// the export lists that one reference.
/// </remarks>
public sealed class ContentExporter(PostTrainingDbContext db)
{
    public async Task<ContentFile> ExportAsync(CancellationToken ct = default)
    {
        var nodes = await db.Nodes.AsNoTracking().ToListAsync(ct);
        var slugs = nodes.ToDictionary(n => n.Id, n => n.Slug);
        var types = await db.RelationTypes.AsNoTracking().OrderBy(t => t.Slug).ToListAsync(ct);
        var typeSlugs = types.ToDictionary(t => t.Id, t => t.Slug);
        var links = await db.TechniqueReferences.AsNoTracking().ToListAsync(ct);
        var relationships = await db.Relationships.AsNoTracking().OrderBy(r => r.Id).ToListAsync(ct);
        var kinds = nodes.ToDictionary(n => n.Id, n => n.Kind);

        string? Slug(long? id) => id is { } i && slugs.TryGetValue(i, out var s) ? s : null;
        string NodeKey(long id) => $"{EntityState.KindName(kinds[id])}:{slugs[id]}";
        SourceEntry? Source(Provenance p) =>
            p.Section is null && p.Original is null && p.ReferenceId is null
                ? null
                : new SourceEntry { Section = p.Section, Original = p.Original, Reference = Slug(p.ReferenceId) };

        IEnumerable<T> Of<T>(NodeKind kind) where T : Node =>
            nodes.Where(n => n.Kind == kind).Cast<T>().OrderBy(n => n.ParentId.HasValue).ThenBy(n => n.Position).ThenBy(n => n.Slug, StringComparer.Ordinal);

        var linksByTechnique = links.ToLookup(l => l.TechniqueId);

        return new ContentFile
        {
            RelationTypes = [.. types.Select(t => new RelationTypeEntry
            {
                Slug = t.Slug,
                Name = Text(t.NameEn, t.NameZh),
                InverseName = Text(t.InverseNameEn, t.InverseNameZh),
                Description = Text(t.DescriptionEn, t.DescriptionZh),
                Symmetric = t.Symmetric,
                Transitive = t.Transitive,
                Acyclic = t.Acyclic,
                Prerequisite = t.Prerequisite,
            })],
            Paradigms = [.. Of<Paradigm>(NodeKind.Paradigm).Select(p => new ParadigmEntry
            {
                Slug = p.Slug,
                Name = Text(p.NameEn, p.NameZh),
                Goal = Text(p.GoalEn, p.GoalZh),
                Description = Text(p.DescriptionEn, p.DescriptionZh),
                Aliases = List(p.Aliases),
                Position = p.Position,
                Verified = p.Verified,
                Source = Source(p.Source),
            })],
            // Parents before children, so a reader of the file meets each parent first.
            Techniques = [.. TreeOrder(Of<Technique>(NodeKind.Technique).ToList()).Select(t => new TechniqueEntry
            {
                Slug = t.Slug,
                Paradigm = Slug(t.ParadigmId),
                Parent = Slug(t.ParentId),
                Kind = t.TechniqueKind == TechniqueKind.Method ? "method" : "technique",
                Name = Text(t.NameEn, t.NameZh),
                Abbreviation = t.Abbreviation,
                Aliases = List(t.Aliases),
                Description = Text(t.DescriptionEn, t.DescriptionZh),
                Year = t.Year,
                Position = t.Position,
                Verified = t.Verified,
                LacksReference = t.LacksReference ? true : null,
                References = linksByTechnique[t.Id].Count() == 0
                    ? null
                    : [.. linksByTechnique[t.Id].OrderBy(l => l.Role).ThenBy(l => Slug(l.ReferenceId), StringComparer.Ordinal)
                        .Select(l => new TechniqueReferenceEntry { Reference = Slug(l.ReferenceId), Role = EntityState.RoleName(l.Role) })],
                Source = Source(t.Source),
            })],
            References = [.. Of<Reference>(NodeKind.Reference).Select(r => new ReferenceEntry
            {
                Slug = r.Slug,
                Title = r.NameEn,
                Authors = List(r.Authors),
                Year = r.Year,
                Venue = r.Venue,
                Url = r.Url,
                ArxivId = r.ArxivId,
                Doi = r.Doi,
                AuthorsTruncated = r.AuthorsTruncated ? true : null,
                Language = r.Language,
                Description = Text(r.DescriptionEn, r.DescriptionZh),
                Position = r.Position,
                Verified = r.Verified,
                Source = Source(r.Source),
            })],
            Formulas = [.. Of<Formula>(NodeKind.Formula).Select(f => new FormulaEntry
            {
                Slug = f.Slug,
                Technique = Slug(f.TechniqueId),
                Name = Text(f.NameEn, f.NameZh),
                Latex = f.Latex,
                Symbols = f.Symbols.Count == 0 ? null : [.. f.Symbols.Select(s => new FormulaSymbolEntry { Symbol = s.Symbol, Meaning = Text(s.MeaningEn, s.MeaningZh) })],
                Description = Text(f.DescriptionEn, f.DescriptionZh),
                Position = f.Position,
                Verified = f.Verified,
                Source = Source(f.Source),
            })],
            Models = [.. Of<Model>(NodeKind.Model).Select(m => new ModelEntry
            {
                Slug = m.Slug,
                Name = Text(m.NameEn, m.NameZh),
                Parameters = m.Parameters,
                Organization = m.Organization,
                Aliases = List(m.Aliases),
                Description = Text(m.DescriptionEn, m.DescriptionZh),
                References = Slug(m.Source.ReferenceId) is { } reference ? [reference] : null,
                Position = m.Position,
                Verified = m.Verified,
                Source = Source(m.Source),
            })],
            Datasets = [.. TreeOrder(Of<Dataset>(NodeKind.Dataset).ToList()).Select(d => new DatasetEntry
            {
                Slug = d.Slug,
                Parent = Slug(d.ParentId),
                Name = Text(d.NameEn, d.NameZh),
                Aliases = List(d.Aliases),
                Description = Text(d.DescriptionEn, d.DescriptionZh),
                Position = d.Position,
                Verified = d.Verified,
                Source = Source(d.Source),
            })],
            Limitations = [.. Of<Limitation>(NodeKind.Limitation).Select(l => new LimitationEntry
            {
                Slug = l.Slug,
                Name = Text(l.NameEn, l.NameZh),
                Description = Text(l.DescriptionEn, l.DescriptionZh),
                Position = l.Position,
                Verified = l.Verified,
                Source = Source(l.Source),
            })],
            Applications = [.. TreeOrder(Of<Application>(NodeKind.Application).ToList()).Select(a => new ApplicationEntry
            {
                Slug = a.Slug,
                Parent = Slug(a.ParentId),
                Name = Text(a.NameEn, a.NameZh),
                Description = Text(a.DescriptionEn, a.DescriptionZh),
                Position = a.Position,
                Verified = a.Verified,
                Source = Source(a.Source),
            })],
            Relationships = [.. relationships.Select(r => new RelationshipEntry
            {
                Type = typeSlugs[r.TypeId],
                Source = NodeKey(r.SourceId),
                Target = NodeKey(r.TargetId),
                Reference = Slug(r.Source.ReferenceId),
                Note = Text(r.NoteEn, r.NoteZh),
                Verified = r.Verified,
            })],
        };
    }

    /// <summary>Depth-first from the roots, siblings in the given order: every parent precedes its children.</summary>
    private static List<T> TreeOrder<T>(List<T> items) where T : Node
    {
        var children = items.Where(i => i.ParentId is not null).ToLookup(i => i.ParentId!.Value);
        var ids = items.Select(i => i.Id).ToHashSet();
        var ordered = new List<T>(items.Count);
        void Visit(T item)
        {
            ordered.Add(item);
            foreach (var child in children[item.Id])
            {
                Visit(child);
            }
        }

        foreach (var root in items.Where(i => i.ParentId is not { } p || !ids.Contains(p)))
        {
            Visit(root);
        }

        return ordered;
    }

    private static LocalizedText? Text(string? en, string? zh) => en is null && zh is null ? null : new LocalizedText { En = en, Zh = zh };

    private static List<string>? List(List<string> items) => items.Count == 0 ? null : [.. items];
}
