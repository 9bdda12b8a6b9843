using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Writes;

/// <summary>The writers' view of the read model: the current snapshot's entities, as GET serves them.</summary>
public sealed class SnapshotEntityDirectory(SnapshotHolder snapshots) : IEntityDirectory
{
    public CurrentEntity? Find(string kind, string key) =>
        snapshots.Current is { } snapshot && snapshot.TryGetEntity(kind, key, out var entity)
            ? new CurrentEntity(entity.Id, entity.Version, entity.Etag)
            : null;

    public Representation? Detail(string kind, string key) =>
        snapshots.Current is { } snapshot && snapshot.TryGetEntity(kind, key, out var entity)
            ? new Representation(entity.Detail.Bytes, entity.Detail.ContentType, entity.Detail.ETag)
            : null;
}
