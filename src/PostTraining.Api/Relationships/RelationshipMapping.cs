using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Relationships;

public static class RelationshipMapping
{
    /// <summary>The relationship's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody DetailBody(this SnapshotEdge e, TaxonomySnapshot snapshot) =>
        Details.Relationship(snapshot, e, () => ApiJson.Body(e.ToItem(snapshot), RelationshipJson.Context.RelationshipItem));

    /// <summary>The relation type's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody DetailBody(this RelationTypeRow t, TaxonomySnapshot snapshot) =>
        Details.RelationType(snapshot, t, () => ApiJson.Body(t.ToItem(snapshot), RelationshipJson.Context.RelationTypeItem));

    public static RelationshipItem ToItem(this SnapshotEdge e, TaxonomySnapshot snapshot) => new(
        e.Id,
        e.Type.Slug,
        RepresentationMapping.TypeName(e.Type),
        RepresentationMapping.InverseName(e.Type),
        e.Source.ToLink(),
        e.Target.ToLink(),
        LocalizedText.Of(e.Row.NoteEn, e.Row.NoteZh),
        e.Row.Verified,
        e.Row.Source.ToSourceInfo(snapshot),
        e.Row.CreatedAt,
        e.Row.UpdatedAt,
        e.Url);

    public static RelationTypeItem ToItem(this RelationTypeRow t, TaxonomySnapshot snapshot) => new(
        t.Slug,
        RepresentationMapping.TypeName(t),
        RepresentationMapping.InverseName(t),
        LocalizedText.Of(t.DescriptionEn, t.DescriptionZh),
        t.Symmetric,
        t.Transitive,
        t.Acyclic,
        t.Prerequisite,
        CountByType(snapshot).GetValueOrDefault(t.Slug),
        $"/api/v1/relation-types/{t.Slug}",
        $"/api/v1/relationships?type={t.Slug}");

    private static Dictionary<string, int> CountByType(TaxonomySnapshot snapshot) =>
        snapshot.Memo("relationships:count-by-type", s => s.Relationships.GroupBy(e => e.Type.Slug).ToDictionary(g => g.Key, g => g.Count()));
}
