using System.Diagnostics;
using PostTraining.Api.Catalog;
using PostTraining.Api.Comparisons;
using PostTraining.Api.Http;
using PostTraining.Api.Paradigms;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Relationships;
using PostTraining.Api.Techniques;
using PostTraining.Data.Entities;

namespace PostTraining.Api;

/// <summary>
/// The JSON detail of any entity, by asking the feature it belongs to. Part of the composition root: the read model
/// and the write kernel know no feature, so the one place that maps a kind to its feature lives beside Program.
/// </summary>
public static class EntityDetails
{
    public static CachedBody Of(TaxonomySnapshot snapshot, SnapshotEntity entity) => entity.Target switch
    {
        SnapshotNode node => Node(snapshot, node),
        SnapshotEdge edge => edge.DetailBody(snapshot),
        RelationTypeRow type => type.DetailBody(snapshot),
        SnapshotComparison comparison => comparison.DetailBody(snapshot),
        _ => throw new UnreachableException($"No detail for a {entity.Target.GetType().Name}."),
    };

    public static CachedBody Node(TaxonomySnapshot snapshot, SnapshotNode node) => node.Kind switch
    {
        NodeKind.Technique => node.TechniqueDetailBody(snapshot),
        NodeKind.Paradigm => node.ParadigmDetailBody(snapshot),
        NodeKind.Reference => node.ReferenceDetailBody(snapshot),
        NodeKind.Formula => node.FormulaDetailBody(snapshot),
        _ => node.CatalogDetailBody(snapshot),
    };

    public static CachedBody Relationship(TaxonomySnapshot snapshot, SnapshotEdge edge) => edge.DetailBody(snapshot);
}
