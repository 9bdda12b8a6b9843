namespace PostTraining.Data.Entities;

/// <summary>A formula in LaTeX with each symbol explained, attached to the technique it defines.</summary>
public sealed class Formula : Node
{
    public string Latex { get; set; } = "";

    public List<FormulaSymbol> Symbols { get; set; } = [];

    public long? TechniqueId { get; set; }
    public Technique? Technique { get; set; }
}

public sealed class FormulaSymbol
{
    public string Symbol { get; set; } = "";
    public string? MeaningEn { get; set; }
    public string? MeaningZh { get; set; }
}
