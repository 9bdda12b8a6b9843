using PostTraining.Data.Entities;

namespace PostTraining.Api.ReadModel;

// The snapshot's input: flat, immutable copies of the rows the builder needs. The loader fills them from the
// database; unit tests build them by hand, so the snapshot logic is testable without PostgreSQL.

/// <summary>One row of the <c>nodes</c> table, with the members of every kind (those of other kinds stay empty).</summary>
public sealed record NodeRow
{
    public required long Id { get; init; }
    public required NodeKind Kind { get; init; }
    public required string Slug { get; init; }
    public string? NameEn { get; init; }
    public string? NameZh { get; init; }
    public string? Abbreviation { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public string? DescriptionEn { get; init; }
    public string? DescriptionZh { get; init; }
    public int Position { get; init; }
    public long? ParentId { get; init; }
    public bool Verified { get; init; } = true;
    public SourceRow Source { get; init; } = SourceRow.Api;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }

    // Paradigm
    public string? GoalEn { get; init; }
    public string? GoalZh { get; init; }

    // Technique
    public long? ParadigmId { get; init; }
    public TechniqueKind TechniqueKind { get; init; } = TechniqueKind.Technique;
    public bool LacksReference { get; init; }

    // Technique and reference
    public int? Year { get; init; }

    // Reference
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Venue { get; init; }
    public string? Url { get; init; }
    public string? ArxivId { get; init; }
    public string? Language { get; init; }
    public string? Doi { get; init; }
    public bool AuthorsTruncated { get; init; }

    // Formula
    public string? Latex { get; init; }
    public IReadOnlyList<SymbolRow> Symbols { get; init; } = [];
    public long? TechniqueId { get; init; }

    // Model
    public string? Parameters { get; init; }
    public string? Organization { get; init; }
}

public sealed record SymbolRow(string Symbol, string? MeaningEn, string? MeaningZh);

/// <summary>Provenance of a row; <see cref="Kind"/> is <c>document</c>, <c>curated</c> or <c>api</c>.</summary>
public sealed record SourceRow(SourceKind Kind, string? Document = null, string? Section = null, long? ReferenceId = null, string? Original = null)
{
    public static readonly SourceRow Api = new(SourceKind.Api);
}

public sealed record TechniqueReferenceRow(long TechniqueId, long ReferenceId, ReferenceRole Role);

public sealed record RelationTypeRow
{
    public required int Id { get; init; }
    public required string Slug { get; init; }
    public required string NameEn { get; init; }
    public string NameZh { get; init; } = "";
    public required string InverseNameEn { get; init; }
    public string InverseNameZh { get; init; } = "";
    public string? DescriptionEn { get; init; }
    public string? DescriptionZh { get; init; }
    public bool Symmetric { get; init; }
    public bool Transitive { get; init; }
    public bool Acyclic { get; init; }
    public bool Prerequisite { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public uint Version { get; init; }
}

public sealed record RelationshipRow
{
    public required long Id { get; init; }
    public required int TypeId { get; init; }
    public required long SourceId { get; init; }
    public required long TargetId { get; init; }
    public string? NoteEn { get; init; }
    public string? NoteZh { get; init; }
    public bool Verified { get; init; } = true;
    public SourceRow Source { get; init; } = SourceRow.Api;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public uint Version { get; init; }
}

/// <summary>
/// Everything the snapshot is built from. Comparisons are the tables with their axes and rows, kept as the entities
/// read (a few hundred rows, never changed once read); null where a source has none.
/// </summary>
public sealed record SnapshotSource(
    IReadOnlyList<NodeRow> Nodes,
    IReadOnlyList<TechniqueReferenceRow> TechniqueReferences,
    IReadOnlyList<RelationTypeRow> RelationTypes,
    IReadOnlyList<RelationshipRow> Relationships,
    IReadOnlyList<Comparison>? Comparisons = null);
