using Microsoft.EntityFrameworkCore;
using PostTraining.Data.Content;
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
        var comparisons = await db.Comparisons.AsNoTracking().Include(c => c.Axes).Include(c => c.Rows).AsSplitQuery()
            .OrderBy(c => c.Position).ThenBy(c => c.Slug).ToListAsync(ct);

        string? Slug(long? id) => id is { } i && slugs.TryGetValue(i, out var s) ? s : null;
        string NodeKey(long id) => Wire.NodeKey(kinds[id], slugs[id]);
        SourceEntry? Source(Provenance p) =>
            p.Section is null && p.Original is null && p.ReferenceId is null
                ? null
                : new SourceEntry { Section = p.Section, Original = p.Original, Reference = Slug(p.ReferenceId) };

        IEnumerable<T> Of<T>(NodeKind kind) where T : Node =>
            nodes.Where(n => n.Kind == kind).Cast<T>().OrderBy(n => n.ParentId.HasValue).ThenBy(n => n.Position).ThenBy(n => n.Slug, StringComparer.Ordinal);

        var linksByTechnique = links.ToLookup(l => l.TechniqueId);

        // The export writes a flag only where it is set, so files stay as short as the curated ones.
        return new ContentFile
        {
            RelationTypes = [.. types.Select(ContentOf.RelationType)],
            Paradigms = [.. Of<Paradigm>(NodeKind.Paradigm).Select(p => new ParadigmEntry(ContentOf.Paradigm(p)) { Source = Source(p.Source) })],
            // Parents before children, so a reader of the file meets each parent first.
            Techniques = [.. TreeOrder(Of<Technique>(NodeKind.Technique).ToList()).Select(t => new TechniqueEntry(ContentOf.Technique(t, Slug(t.ParadigmId), Slug(t.ParentId)))
            {
                LacksReference = t.LacksReference ? true : null,
                References = linksByTechnique[t.Id].Count() == 0
                    ? null
                    : [.. linksByTechnique[t.Id].OrderBy(l => l.Role).ThenBy(l => Slug(l.ReferenceId), StringComparer.Ordinal)
                        .Select(l => new ReferenceLinkContent { Reference = Slug(l.ReferenceId), Role = Wire.ReferenceRoles.Name(l.Role) })],
                Source = Source(t.Source),
            })],
            References = [.. Of<Reference>(NodeKind.Reference).Select(r => new ReferenceEntry(ContentOf.Reference(r))
            {
                AuthorsTruncated = r.AuthorsTruncated ? true : null,
                Source = Source(r.Source),
            })],
            Formulas = [.. Of<Formula>(NodeKind.Formula).Select(f => new FormulaEntry(ContentOf.Formula(f, Slug(f.TechniqueId), null)) { Source = Source(f.Source) })],
            Models = [.. Of<Model>(NodeKind.Model).Select(m => new ModelEntry(ContentOf.Model(m, Slug(m.Source.ReferenceId))) { Source = Source(m.Source) })],
            Datasets = [.. TreeOrder(Of<Dataset>(NodeKind.Dataset).ToList()).Select(d => new DatasetEntry(ContentOf.Dataset(d, Slug(d.ParentId), null)) { Source = Source(d.Source) })],
            Limitations = [.. Of<Limitation>(NodeKind.Limitation).Select(l => new LimitationEntry(ContentOf.Limitation(l)) { Source = Source(l.Source) })],
            Applications = [.. TreeOrder(Of<Application>(NodeKind.Application).ToList()).Select(a => new ApplicationEntry(ContentOf.Application(a, Slug(a.ParentId))) { Source = Source(a.Source) })],
            Relationships = [.. relationships.Select(r => ContentOf.Relationship(r, typeSlugs[r.TypeId], NodeKey(r.SourceId), NodeKey(r.TargetId), Slug(r.Source.ReferenceId)))],
            Comparisons = comparisons.Count == 0
                ? null
                : [.. comparisons.Select(c => ContentOf.Comparison(c, id => kinds.TryGetValue(id, out var kind) ? (kind, slugs[id]) : null))],
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
}
