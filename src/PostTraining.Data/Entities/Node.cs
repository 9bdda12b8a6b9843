namespace PostTraining.Data.Entities;

/// <summary>
/// Every named thing in the taxonomy (paradigm, technique, reference, model, dataset, ...) is a node.
/// One table (table-per-hierarchy) gives every kind one id space, so relationships, provenance and the
/// change feed can point at any of them with a real foreign key.
/// </summary>
public abstract class Node
{
    public long Id { get; set; }

    /// <summary>Discriminator; the public <c>kind</c> of the entity.</summary>
    public NodeKind Kind { get; set; }

    /// <summary>Public, stable identifier: lowercase ASCII letters, digits and single hyphens; unique per kind.</summary>
    public string Slug { get; set; } = "";

    public string? NameEn { get; set; }
    public string? NameZh { get; set; }

    /// <summary>Short name the entity is also known by (SFT, DPO, ...).</summary>
    public string? Abbreviation { get; set; }

    /// <summary>Other names in either language, searched like the names.</summary>
    public List<string> Aliases { get; set; } = [];

    public string? DescriptionEn { get; set; }
    public string? DescriptionZh { get; set; }

    /// <summary>Order among siblings, as the source lists them.</summary>
    public int Position { get; set; }

    /// <summary>Parent in the node's own tree (technique under technique, dataset under dataset category).</summary>
    public long? ParentId { get; set; }
    public Node? Parent { get; set; }

    /// <summary>False where the curated facts are recalled rather than checked against a source.</summary>
    public bool Verified { get; set; } = true;

    public Provenance Source { get; set; } = new();

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the seed loader last wrote this row; a later <see cref="UpdatedAt"/> means a curator changed it.</summary>
    public DateTimeOffset? LoadedAt { get; set; }

    /// <summary>PostgreSQL <c>xmin</c>: the optimistic concurrency token behind ETag / If-Match.</summary>
    public uint Version { get; set; }
}

public enum NodeKind
{
    Paradigm,
    Technique,
    Reference,
    Model,
    Dataset,
    Limitation,
    Formula,
    Application,
}
