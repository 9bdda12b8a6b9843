using System.Text.Json;

namespace PostTraining.Data.Entities;

/// <summary>One entry of the change feed, appended in the same transaction as the write it records.</summary>
public sealed class Change
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }

    /// <summary>Name of the key that made the change ("import" for the seed loader); never a secret.</summary>
    public string Author { get; set; } = "";

    /// <summary>create, update or delete.</summary>
    public string Operation { get; set; } = "";

    /// <summary>paradigm, technique, reference, relationship, technique-reference, ...</summary>
    public string EntityKind { get; set; } = "";

    /// <summary>Slug, relationship id, or "technique/reference" for a link.</summary>
    public string EntityKey { get; set; } = "";

    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }
}
