using System.Text.Json.Serialization;
using PostTraining.Data.Content;

namespace PostTraining.Data.Seed;

/// <summary>
/// The content-file format shared by data/seed.json, data/curated.json and the export (docs/architecture.md, "Data
/// files"). Every list is optional; an absent list is null so a written file carries only what it has.
/// </summary>
public sealed record ContentFile
{
    /// <summary>Lets editors find the schema; ignored by the loader.</summary>
    [JsonPropertyName("$schema")]
    public string? Schema { get; init; }

    /// <summary>The source document the entries were extracted from (seed.json only).</summary>
    public DocumentEntry? Document { get; init; }

    public List<RelationTypeContent>? RelationTypes { get; init; }
    public List<ParadigmEntry>? Paradigms { get; init; }
    public List<TechniqueEntry>? Techniques { get; init; }
    public List<ReferenceEntry>? References { get; init; }
    public List<FormulaEntry>? Formulas { get; init; }
    public List<ModelEntry>? Models { get; init; }
    public List<DatasetEntry>? Datasets { get; init; }
    public List<LimitationEntry>? Limitations { get; init; }
    public List<ApplicationEntry>? Applications { get; init; }
    public List<RelationshipContent>? Relationships { get; init; }

    /// <summary>Comparison tables (data/comparisons.json), each with its axes, rows and cells.</summary>
    public List<ComparisonContent>? Comparisons { get; init; }
}

/// <summary>Where an entry comes from: the heading path in the document, or the curated reference it rests on.</summary>
public sealed record SourceEntry
{
    public string? Section { get; init; }

    /// <summary>The original form of a value the importer normalised (a redirect-wrapped link).</summary>
    public string? Original { get; init; }

    /// <summary>Slug of the reference the entry rests on, when it is not the entry's own first reference.</summary>
    public string? Reference { get; init; }
}

public sealed record DocumentEntry
{
    public string? Title { get; init; }
    public string? Author { get; init; }
    public string? Date { get; init; }
    public string? Slug { get; init; }
}

// A data file's entry: the entity's content (Content/EntityContent.cs) and, for a node, where it comes from.

public sealed record ParadigmEntry : ParadigmContent
{
    public ParadigmEntry()
    {
    }

    public ParadigmEntry(ParadigmContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record TechniqueEntry : TechniqueContent
{
    public TechniqueEntry()
    {
    }

    public TechniqueEntry(TechniqueContent content)
        : base(content)
    {
    }

    /// <summary>The reference links; a link's role defaults to "introduces".</summary>
    [JsonPropertyOrder(1)]
    public List<ReferenceLinkContent>? References { get; init; }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record ReferenceEntry : ReferenceContent
{
    public ReferenceEntry()
    {
    }

    public ReferenceEntry(ReferenceContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record FormulaEntry : FormulaContent
{
    public FormulaEntry()
    {
    }

    public FormulaEntry(FormulaContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record ModelEntry : ModelContent
{
    public ModelEntry()
    {
    }

    public ModelEntry(ModelContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record DatasetEntry : DatasetContent
{
    public DatasetEntry()
    {
    }

    public DatasetEntry(DatasetContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record LimitationEntry : LimitationContent
{
    public LimitationEntry()
    {
    }

    public LimitationEntry(LimitationContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}

public sealed record ApplicationEntry : ApplicationContent
{
    public ApplicationEntry()
    {
    }

    public ApplicationEntry(ApplicationContent content)
        : base(content)
    {
    }

    // After the content members (a derived record's own members would otherwise come first).
    [JsonPropertyOrder(2)]
    public SourceEntry? Source { get; init; }
}
