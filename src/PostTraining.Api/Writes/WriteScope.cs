using System.Text.Json;
using PostTraining.Api.Http;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>One write's transaction: the context it works in, its time, and the change entries it records.</summary>
public sealed class WriteScope(PostTrainingDbContext db, string author, DateTimeOffset now)
{
    public PostTrainingDbContext Db { get; } = db;
    public string Author { get; } = author;
    public DateTimeOffset Now { get; } = now;

    /// <summary>Appends a change-feed entry; it commits (or not) with the write itself.</summary>
    public void Record(string operation, string kind, string key, object? before, object? after) =>
        Db.Changes.Add(new Change
        {
            At = Now,
            Author = Author,
            Operation = operation,
            EntityKind = kind,
            EntityKey = key,
            Before = ToDocument(before),
            After = ToDocument(after),
        });

    private static JsonDocument? ToDocument(object? value) =>
        value is null ? null : JsonSerializer.SerializeToDocument(value, value.GetType(), StrictJson.Options);
}
