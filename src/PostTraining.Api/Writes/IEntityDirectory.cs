namespace PostTraining.Api.Writes;

/// <summary>An entity's state in the current read model: its row id, its row version (<c>xmin</c>) and its ETag.</summary>
public sealed record CurrentEntity(long Id, uint Version, string ETag);

/// <summary>A representation exactly as GET serves it.</summary>
public sealed record Representation(byte[] Bytes, string ContentType, string ETag);

/// <summary>
/// What the writers need from the read model: the version a client's If-Match is compared with, and the detail a
/// write answers with once the snapshot holds it. Kinds are change-feed kinds (<c>paradigm</c>, <c>technique</c>,
/// <c>reference</c>, <c>relationship</c>); the key is the slug, or the id of a relationship.
/// </summary>
public interface IEntityDirectory
{
    CurrentEntity? Find(string kind, string key);

    Representation? Detail(string kind, string key);
}
