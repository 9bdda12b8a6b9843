namespace PostTraining.Data.Entities;

/// <summary>A typed, directed edge between any two nodes.</summary>
public sealed class Relationship
{
    public long Id { get; set; }

    public int TypeId { get; set; }
    public RelationType Type { get; set; } = null!;

    public long SourceId { get; set; }
    public Node SourceNode { get; set; } = null!;

    public long TargetId { get; set; }
    public Node TargetNode { get; set; } = null!;

    public string? NoteEn { get; set; }
    public string? NoteZh { get; set; }

    public bool Verified { get; set; } = true;
    public Provenance Source { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? LoadedAt { get; set; }
    public uint Version { get; set; }
}
