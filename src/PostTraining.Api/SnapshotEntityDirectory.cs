using PostTraining.Api.ReadModel;
using PostTraining.Api.Writes;

namespace PostTraining.Api;

/// <summary>The writers' view of the read model: the current snapshot's entities, as GET serves them.</summary>
public sealed class SnapshotEntityDirectory(SnapshotHolder snapshots) : IEntityDirectory
{
    public CurrentEntity? Find(string kind, string key) =>
        snapshots.Current is { } snapshot && snapshot.TryGetEntity(kind, key, out var entity)
            ? new CurrentEntity(entity.Id, entity.Version, EntityDetails.Of(snapshot, entity).ETag)
            : null;

    public Representation? Detail(string kind, string key)
    {
        if (snapshots.Current is not { } snapshot || !snapshot.TryGetEntity(kind, key, out var entity))
        {
            return null;
        }

        var detail = EntityDetails.Of(snapshot, entity);
        return new Representation(detail.Bytes, detail.ContentType, detail.ETag);
    }
}
