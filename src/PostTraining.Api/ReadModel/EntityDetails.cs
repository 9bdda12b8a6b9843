using PostTraining.Api.Catalog;
using PostTraining.Api.Http;
using PostTraining.Api.Paradigms;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Techniques;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The JSON detail of every entity, serialized on first use and kept with the snapshot (see TaxonomySnapshot.Representation). GET serves these bytes and writers
/// compare If-Match with their ETag, so both always agree on what "the current version" is.
/// </summary>
public static class EntityDetails
{
    public static CachedBody Node(TaxonomySnapshot snapshot, SnapshotNode node) =>
        snapshot.Representation($"detail:{node.KindName}:{node.Slug}", () => node.Kind switch
        {
            NodeKind.Technique => ReadJson.Body(node.ToDetail(snapshot), ReadJson.Context.TechniqueDetail),
            NodeKind.Paradigm => ReadJson.Body(node.ToParadigmDetail(snapshot), ReadJson.Context.ParadigmDetail),
            NodeKind.Reference => ReadJson.Body(node.ToReferenceDetail(snapshot), ReadJson.Context.ReferenceDetail),
            NodeKind.Formula => ReadJson.Body(node.ToFormulaDetail(snapshot), ReadJson.Context.FormulaDetail),
            _ => ReadJson.Body(node.ToCatalogDetail(snapshot), ReadJson.Context.CatalogDetail),
        });

    public static CachedBody Relationship(TaxonomySnapshot snapshot, SnapshotEdge edge) =>
        snapshot.Representation($"detail:relationship:{edge.Id}", () => ReadJson.Body(edge.ToItem(snapshot), ReadJson.Context.RelationshipItem));

    public static CachedBody RelationType(TaxonomySnapshot snapshot, RelationTypeRow type) =>
        snapshot.Representation($"detail:relation-type:{type.Slug}", () => ReadJson.Body(type.ToItem(snapshot), ReadJson.Context.RelationTypeItem));
}
