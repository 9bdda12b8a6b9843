using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>
/// Each entity's JSON detail, serialized on first use and kept with the snapshot under one key per entity. GET serves
/// these bytes and writers compare If-Match with their ETag, so both always agree on what "the current version" is;
/// the entity's feature says how to make it.
/// </summary>
public static class Details
{
    public static CachedBody Node(TaxonomySnapshot snapshot, SnapshotNode node, Func<CachedBody> make) =>
        snapshot.Representation($"detail:{node.KindName}:{node.Slug}", make);

    public static CachedBody Relationship(TaxonomySnapshot snapshot, SnapshotEdge edge, Func<CachedBody> make) =>
        snapshot.Representation($"detail:relationship:{edge.Id}", make);

    public static CachedBody RelationType(TaxonomySnapshot snapshot, RelationTypeRow type, Func<CachedBody> make) =>
        snapshot.Representation($"detail:relation-type:{type.Slug}", make);
}
