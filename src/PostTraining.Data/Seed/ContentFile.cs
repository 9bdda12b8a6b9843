using System.Text.Json.Serialization;

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

    public List<RelationTypeEntry>? RelationTypes { get; init; }
    public List<ParadigmEntry>? Paradigms { get; init; }
    public List<TechniqueEntry>? Techniques { get; init; }
    public List<ReferenceEntry>? References { get; init; }
    public List<FormulaEntry>? Formulas { get; init; }
    public List<ModelEntry>? Models { get; init; }
    public List<DatasetEntry>? Datasets { get; init; }
    public List<LimitationEntry>? Limitations { get; init; }
    public List<ApplicationEntry>? Applications { get; init; }
    public List<RelationshipEntry>? Relationships { get; init; }
}

/// <summary>Bilingual text; a missing translation is an absent member.</summary>
public sealed record LocalizedText
{
    public string? En { get; init; }
    public string? Zh { get; init; }
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

public sealed record RelationTypeEntry
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? InverseName { get; init; }
    public LocalizedText? Description { get; init; }
    public bool? Symmetric { get; init; }
    public bool? Transitive { get; init; }
    public bool? Acyclic { get; init; }
    public bool? Prerequisite { get; init; }
}

public sealed record ParadigmEntry
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Goal { get; init; }
    public LocalizedText? Description { get; init; }
    public List<string>? Aliases { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record TechniqueEntry
{
    public string? Slug { get; init; }

    /// <summary>Required at the top of a paradigm; below a parent it defaults to the parent's.</summary>
    public string? Paradigm { get; init; }

    public string? Parent { get; init; }

    /// <summary>"technique" (default) or "method".</summary>
    public string? Kind { get; init; }

    public LocalizedText? Name { get; init; }
    public string? Abbreviation { get; init; }
    public List<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Year { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public bool? LacksReference { get; init; }
    public List<TechniqueReferenceEntry>? References { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record TechniqueReferenceEntry
{
    public string? Reference { get; init; }

    /// <summary>introduces (default), defines, describes or uses.</summary>
    public string? Role { get; init; }
}

public sealed record ReferenceEntry
{
    public string? Slug { get; init; }
    public string? Title { get; init; }
    public List<string>? Authors { get; init; }

    /// <summary>True where the source's author list ends in "et al.": more authors exist than are listed.</summary>
    public bool? AuthorsTruncated { get; init; }

    public int? Year { get; init; }
    public string? Venue { get; init; }
    public string? Url { get; init; }
    public string? ArxivId { get; init; }
    public string? Doi { get; init; }
    public string? Language { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record FormulaEntry
{
    public string? Slug { get; init; }
    public string? Technique { get; init; }
    public LocalizedText? Name { get; init; }
    public string? Latex { get; init; }
    public List<FormulaSymbolEntry>? Symbols { get; init; }
    public LocalizedText? Description { get; init; }
    public string? Reference { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record FormulaSymbolEntry
{
    public string? Symbol { get; init; }
    public LocalizedText? Meaning { get; init; }
}

public sealed record ModelEntry
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public string? Parameters { get; init; }
    public string? Organization { get; init; }
    public List<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public List<string>? References { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record DatasetEntry
{
    public string? Slug { get; init; }
    public string? Parent { get; init; }
    public LocalizedText? Name { get; init; }
    public List<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public string? Reference { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record LimitationEntry
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record ApplicationEntry
{
    public string? Slug { get; init; }
    public string? Parent { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
    public SourceEntry? Source { get; init; }
}

public sealed record RelationshipEntry
{
    public string? Type { get; init; }

    /// <summary>"kind:slug", e.g. "technique:dpo".</summary>
    public string? Source { get; init; }

    public string? Target { get; init; }
    public string? Reference { get; init; }
    public LocalizedText? Note { get; init; }
    public bool? Verified { get; init; }
}
