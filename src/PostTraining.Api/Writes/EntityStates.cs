using Microsoft.EntityFrameworkCore;
using PostTraining.Data;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>
/// Rows as their content (the contract's <see cref="ContentOf"/>), with the related slugs read from the database: for
/// the feed and as the base of a merge patch.
/// </summary>
public static class EntityStates
{
    public static async Task<string?> SlugOfAsync(PostTrainingDbContext db, long? id) =>
        id is null ? null : await db.Nodes.AsNoTracking().Where(n => n.Id == id).Select(n => n.Slug).FirstOrDefaultAsync();

    public static async Task<RelationshipContent> RelationshipAsync(PostTrainingDbContext db, Relationship edge)
    {
        var ends = await db.Nodes.AsNoTracking()
            .Where(n => n.Id == edge.SourceId || n.Id == edge.TargetId)
            .Select(n => new { n.Id, n.Kind, n.Slug })
            .ToDictionaryAsync(n => n.Id);
        var type = await db.RelationTypes.AsNoTracking().Where(t => t.Id == edge.TypeId).Select(t => t.Slug).FirstAsync();
        string End(long id) => Wire.NodeKey(ends[id].Kind, ends[id].Slug);
        return ContentOf.Relationship(edge, type, End(edge.SourceId), End(edge.TargetId), await SlugOfAsync(db, edge.Source.ReferenceId));
    }

    public static async Task<FormulaContent> FormulaAsync(PostTrainingDbContext db, Formula formula) =>
        ContentOf.Formula(formula, await SlugOfAsync(db, formula.TechniqueId), await SlugOfAsync(db, formula.Source.ReferenceId));
}
