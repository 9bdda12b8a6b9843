namespace PostTraining.Data.Entities;

/// <summary>Links a technique or method to a reference, saying what the reference is to it.</summary>
public sealed class TechniqueReference
{
    public long TechniqueId { get; set; }
    public Technique Technique { get; set; } = null!;

    public long ReferenceId { get; set; }
    public Reference Reference { get; set; } = null!;

    public ReferenceRole Role { get; set; } = ReferenceRole.Introduces;

    public Provenance Source { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Compared with <see cref="LoadedAt"/> so the seed loader never overwrites a link someone changed since.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? LoadedAt { get; set; }
    public uint Version { get; set; }
}

public enum ReferenceRole
{
    /// <summary>The paper that introduced the technique.</summary>
    Introduces,

    /// <summary>A paper that defines or formalises it without introducing it.</summary>
    Defines,

    /// <summary>A survey or secondary work describing it.</summary>
    Describes,

    /// <summary>A paper that applies it.</summary>
    Uses,
}
