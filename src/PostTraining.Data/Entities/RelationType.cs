namespace PostTraining.Data.Entities;

/// <summary>The registry of relationship types and their semantics.</summary>
public sealed class RelationType
{
    public int Id { get; set; }
    public string Slug { get; set; } = "";

    public string NameEn { get; set; } = "";
    public string NameZh { get; set; } = "";

    /// <summary>How the edge reads from target to source ("DPO alternative-to RLHF" read back is "RLHF has alternative DPO").</summary>
    public string InverseNameEn { get; set; } = "";
    public string InverseNameZh { get; set; } = "";

    public string? DescriptionEn { get; set; }
    public string? DescriptionZh { get; set; }

    public bool Symmetric { get; set; }
    public bool Transitive { get; set; }

    /// <summary>Edges of an acyclic type may never close a cycle.</summary>
    public bool Acyclic { get; set; }

    /// <summary>Walked by reading-order (prerequisites first).</summary>
    public bool Prerequisite { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the seed loader last wrote this row; a later <see cref="UpdatedAt"/> means someone changed it since.</summary>
    public DateTimeOffset? LoadedAt { get; set; }

    public uint Version { get; set; }
}
