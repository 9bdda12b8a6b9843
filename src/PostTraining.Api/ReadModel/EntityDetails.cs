using PostTraining.Api.Catalog;
using PostTraining.Api.Http;
using PostTraining.Api.Paradigms;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Techniques;
using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

/// <summary>
/// The JSON detail of every entity, serialized once per snapshot on first use. GET serves these bytes and writers
/// compare If-Match with their ETag, so both always agree on what "the current version" is.
/// </summary>
public static class EntityDetails
{
    public static CachedBody Node(TaxonomySnapshot snapshot, SnapshotNode node) =>
        snapshot.Memo($"detail:{node.KindName}:{node.Slug}", s => node.Kind switch
        {
            NodeKind.Technique => ReadJson.Body(node.ToDetail(s), ReadJson.Context.TechniqueDetail),
            NodeKind.Paradigm => ReadJson.Body(node.ToParadigmDetail(s), ReadJson.Context.ParadigmDetail),
            NodeKind.Reference => ReadJson.Body(node.ToReferenceDetail(s), ReadJson.Context.ReferenceDetail),
            NodeKind.Formula => ReadJson.Body(node.ToFormulaDetail(s), ReadJson.Context.FormulaDetail),
            _ => ReadJson.Body(node.ToCatalogDetail(s), ReadJson.Context.CatalogDetail),
        });

    public static CachedBody Relationship(TaxonomySnapshot snapshot, SnapshotEdge edge) =>
        snapshot.Memo($"detail:relationship:{edge.Id}", s => ReadJson.Body(edge.ToItem(s), ReadJson.Context.RelationshipItem));

    public static CachedBody RelationType(TaxonomySnapshot snapshot, RelationTypeRow type) =>
        snapshot.Memo($"detail:relation-type:{type.Slug}", s => ReadJson.Body(type.ToItem(s), ReadJson.Context.RelationTypeItem));
}
