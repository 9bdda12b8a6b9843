using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>
/// What a delete would leave dangling, and its removal when the caller asks for the cascade. Each removed thing gets
/// its own delete entry in the feed, so replaying the feed reproduces the cascade.
/// </summary>
public static class Dependents
{
    /// <summary>The techniques, formulas, links and relationships hanging off the given nodes.</summary>
    public sealed record Found(IReadOnlyList<Technique> Techniques, IReadOnlyList<Formula> Formulas, IReadOnlyList<TechniqueReference> Links, IReadOnlyList<Relationship> Relationships)
    {
        public bool Any => Techniques.Count + Formulas.Count + Links.Count + Relationships.Count > 0;

        public IDictionary<string, object?> Describe() => new Dictionary<string, object?>
        {
            ["dependents"] = new
            {
                techniques = Techniques.Select(t => t.Slug).Order(StringComparer.Ordinal).ToArray(),
                formulas = Formulas.Select(f => f.Slug).Order(StringComparer.Ordinal).ToArray(),
                references = Links.Count,
                relationships = Relationships.Select(r => r.Id).Order().ToArray(),
            },
        };
    }

    /// <summary>
    /// Everything under a paradigm or technique (<paramref name="techniques"/>: the techniques that go with it) and
    /// everything touching <paramref name="nodeId"/>.
    /// </summary>
    public static async Task<Found> FindAsync(WriteScope scope, long nodeId, IReadOnlyList<Technique> techniques, bool referenceLinks = false)
    {
        var db = scope.Db;
        var techniqueIds = techniques.Select(t => t.Id).ToList();
        var formulas = await db.Formulas.AsNoTracking().Where(f => f.TechniqueId != null && techniqueIds.Contains(f.TechniqueId.Value)).ToListAsync();
        var nodeIds = techniqueIds.Concat(formulas.Select(f => f.Id)).Append(nodeId).ToList();
        var links = await db.TechniqueReferences.AsNoTracking()
            .Where(l => techniqueIds.Contains(l.TechniqueId) || (referenceLinks && l.ReferenceId == nodeId))
            .ToListAsync();
        var relationships = await db.Relationships.AsNoTracking()
            .Where(r => nodeIds.Contains(r.SourceId) || nodeIds.Contains(r.TargetId))
            .ToListAsync();
        return new Found(techniques, formulas, links, relationships);
    }

    /// <summary>Techniques below <paramref name="rootId"/> (not itself), deepest first.</summary>
    public static async Task<List<Technique>> DescendantsAsync(WriteScope scope, long rootId)
    {
        var tree = await scope.Db.Techniques.AsNoTracking().Select(t => new { t.Id, t.ParentId }).ToListAsync();
        var children = tree.Where(t => t.ParentId is not null).ToLookup(t => t.ParentId!.Value, t => t.Id);
        var below = new List<long>();
        var queue = new Queue<long>([rootId]);
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                if (!below.Contains(child))
                {
                    below.Add(child);
                    queue.Enqueue(child);
                }
            }
        }

        var rows = await scope.Db.Techniques.AsNoTracking().Where(t => below.Contains(t.Id)).ToListAsync();
        return [.. rows.OrderByDescending(t => t.Depth)];
    }

    /// <summary>Removes what <see cref="FindAsync"/> found, recording each removal, leaves before roots.</summary>
    public static async Task RemoveAsync(WriteScope scope, Found found, Func<Technique, Task<TechniqueContent>> techniqueState)
    {
        var db = scope.Db;
        foreach (var edge in found.Relationships)
        {
            scope.Record(ChangeOperations.Delete, ChangeKinds.Relationship, edge.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), await EntityStates.RelationshipAsync(db, edge), null);
        }

        var edgeIds = found.Relationships.Select(r => r.Id).ToList();
        await db.Relationships.Where(r => edgeIds.Contains(r.Id)).ExecuteDeleteAsync();

        foreach (var link in found.Links)
        {
            var technique = await EntityStates.SlugOfAsync(db, link.TechniqueId);
            var reference = await EntityStates.SlugOfAsync(db, link.ReferenceId);
            scope.Record(ChangeOperations.Delete, ChangeKinds.TechniqueReference, $"{technique}/{reference}", ContentOf.TechniqueReference(technique!, reference!, link.Role), null);
            await db.TechniqueReferences.Where(l => l.TechniqueId == link.TechniqueId && l.ReferenceId == link.ReferenceId).ExecuteDeleteAsync();
        }

        foreach (var formula in found.Formulas)
        {
            scope.Record(ChangeOperations.Delete, ChangeKinds.Formula, formula.Slug, await EntityStates.FormulaAsync(db, formula), null);
            await db.Nodes.Where(n => n.Id == formula.Id).ExecuteDeleteAsync();
        }

        // One statement per technique, leaves first: the parent key restricts deleting a parent before its children.
        foreach (var technique in found.Techniques.OrderByDescending(t => t.Depth))
        {
            scope.Record(ChangeOperations.Delete, ChangeKinds.Technique, technique.Slug, await techniqueState(technique), null);
            await db.Nodes.Where(n => n.Id == technique.Id).ExecuteDeleteAsync();
        }
    }
}
