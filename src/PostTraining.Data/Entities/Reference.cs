namespace PostTraining.Data.Entities;

/// <summary>A paper, article or other source. Its English name is its title.</summary>
public sealed class Reference : Node
{
    public List<string> Authors { get; set; } = [];

    /// <summary>True where the source's author list itself ends in "et al." / "and others": the list is not complete.</summary>
    public bool AuthorsTruncated { get; set; }
    public int? Year { get; set; }
    public string? Venue { get; set; }

    /// <summary>The real target (redirect wrappers decoded).</summary>
    public string? Url { get; set; }

    /// <summary>New-style arXiv identifier without version, e.g. 2305.18290.</summary>
    public string? ArxivId { get; set; }

    /// <summary>Digital Object Identifier, lower-cased, without the https://doi.org/ prefix.</summary>
    public string? Doi { get; set; }

    /// <summary>BCP 47 language tag of the work (en, zh, ...).</summary>
    public string? Language { get; set; }

    public List<TechniqueReference> Techniques { get; set; } = [];
}
