namespace PostTraining.Data.Entities;

/// <summary>Where a row came from: the source document (with its section), the curated data, or an API write.</summary>
public sealed class Provenance
{
    public SourceKind Kind { get; set; } = SourceKind.Api;

    /// <summary>Document title or data file name.</summary>
    public string? Document { get; set; }

    /// <summary>Heading path in the source document, or the curated entry it came from.</summary>
    public string? Section { get; set; }

    /// <summary>The reference a curated fact rests on.</summary>
    public long? ReferenceId { get; set; }

    /// <summary>Original form of a value that was normalised (e.g. a redirect-wrapped link).</summary>
    public string? Original { get; set; }
}

public enum SourceKind
{
    Document,
    Curated,
    Api,
}
