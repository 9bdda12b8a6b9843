namespace PostTraining.Data.Entities;

/// <summary>One of the post-training paradigms (fine-tuning, alignment, reasoning, efficiency, integration and adaptation).</summary>
public sealed class Paradigm : Node
{
    /// <summary>The paradigm's goal in one line, as the source states it.</summary>
    public string? GoalZh { get; set; }
    public string? GoalEn { get; set; }

    public List<Technique> Techniques { get; set; } = [];
}
