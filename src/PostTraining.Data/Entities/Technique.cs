namespace PostTraining.Data.Entities;

/// <summary>A technique, sub-technique (a technique whose parent is a technique) or named method, under a paradigm.</summary>
public sealed class Technique : Node
{
    public TechniqueKind TechniqueKind { get; set; } = TechniqueKind.Technique;

    public long ParadigmId { get; set; }
    public Paradigm Paradigm { get; set; } = null!;

    /// <summary>0 for a top-level technique, parent depth + 1 below it.</summary>
    public int Depth { get; set; }

    /// <summary>Year the method was introduced (its paper's year), when known.</summary>
    public int? Year { get; set; }

    /// <summary>True for a method the curated data knowingly lists without a paper.</summary>
    public bool LacksReference { get; set; }

    public List<TechniqueReference> References { get; set; } = [];
    public List<Formula> Formulas { get; set; } = [];
}

public enum TechniqueKind
{
    Technique,
    Method,
}
