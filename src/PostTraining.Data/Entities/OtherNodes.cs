namespace PostTraining.Data.Entities;

/// <summary>A language model the sources name (GPT-3, DeepSeek-R1, ...).</summary>
public sealed class Model : Node
{
    /// <summary>Parameter count as stated by a source, e.g. "175B".</summary>
    public string? Parameters { get; set; }

    public string? Organization { get; set; }
}

/// <summary>A dataset, or a category of datasets (through <see cref="Node.Parent"/>).</summary>
public sealed class Dataset : Node
{
}

/// <summary>A limitation of pre-trained models that post-training addresses.</summary>
public sealed class Limitation : Node
{
}

/// <summary>An application area of post-trained models.</summary>
public sealed class Application : Node
{
}
