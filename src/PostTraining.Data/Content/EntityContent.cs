using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PostTraining.Data.Content;

// The content contract: each entity's writable content, member for member. The data files' entries extend these
// records with provenance (Seed/ContentFile.cs); the write endpoints take them as bodies (POST, PUT, the base a PATCH
// merges into); the change feed records them as "before" and "after", whoever wrote the change. Every member is
// nullable: absence is reported by the validators under the member's name, not by the deserializer, and a null member
// is written as an absent one.

/// <summary>A paradigm: both names are required.</summary>
public record ParadigmContent
{
    [Description("Lowercase words joined by hyphens; a different slug on PUT/PATCH renames (the old one then redirects).")]
    public string? Slug { get; init; }

    public LocalizedText? Name { get; init; }
    public LocalizedText? Goal { get; init; }
    public LocalizedText? Description { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }

    [Description("Order among paradigms.")]
    public int? Position { get; init; }

    public bool? Verified { get; init; }
}

/// <summary>A technique, sub-technique or method under a paradigm.</summary>
public record TechniqueContent
{
    public string? Slug { get; init; }

    [Description("Slug of the paradigm; may be left out below a parent (it is the parent's).")]
    public string? Paradigm { get; init; }

    [Description("Slug of the parent technique; absent at the top of a paradigm.")]
    public string? Parent { get; init; }

    [Description("'technique' or 'method'.")]
    [AllowedValues("technique", "method")]
    public string? Kind { get; init; }

    [Description("English and Chinese names; a method may lack the Chinese one.")]
    public LocalizedText? Name { get; init; }

    public string? Abbreviation { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Year { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }

    [Description("True for a method knowingly listed without a paper.")]
    public bool? LacksReference { get; init; }
}

/// <summary>A paper, article or other source.</summary>
public record ReferenceContent
{
    [Description("Derived when absent: 'arxiv-2305-18290' from an arXiv id, else from the title.")]
    public string? Slug { get; init; }

    public string? Title { get; init; }
    public IReadOnlyList<string>? Authors { get; init; }

    [Description("True when the authors listed are only the first of more (the source ends in \"et al.\").")]
    public bool? AuthorsTruncated { get; init; }

    public int? Year { get; init; }
    public string? Venue { get; init; }

    [Description("http or https URL of the work itself.")]
    public string? Url { get; init; }

    [Description("e.g. 2305.18290 or hep-th/9901001; a version suffix is dropped.")]
    public string? ArxivId { get; init; }

    [Description("e.g. 10.1007/BF00992696 (a https://doi.org/ prefix is dropped; stored lower-cased).")]
    public string? Doi { get; init; }

    [Description("BCP 47 tag of the work's language, e.g. en, zh.")]
    public string? Language { get; init; }

    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}

/// <summary>A typed edge between two entities.</summary>
public sealed record RelationshipContent
{
    [Description("Slug of a relation type (see /api/v1/relation-types).")]
    public string? Type { get; init; }

    [Description("'kind:slug', e.g. technique:dpo.")]
    public string? Source { get; init; }

    [Description("'kind:slug', e.g. technique:rlhf.")]
    public string? Target { get; init; }

    [Description("Slug of the reference the edge rests on.")]
    public string? Reference { get; init; }

    public LocalizedText? Note { get; init; }
    public bool? Verified { get; init; }
}

/// <summary>Links a reference to a technique (POST on the technique's references).</summary>
/// <remarks>Also a technique entry's references in the data files.</remarks>
public sealed record ReferenceLinkContent
{
    [Description("Slug of the reference.")]
    public string? Reference { get; init; }

    [Description("introduces (default), defines, describes or uses.")]
    [AllowedValues("introduces", "defines", "describes", "uses")]
    public string? Role { get; init; }
}

/// <summary>A technique-reference link as the change feed records it: both ends and the role.</summary>
public sealed record TechniqueReferenceContent
{
    public string? Technique { get; init; }
    public string? Reference { get; init; }
    public string? Role { get; init; }
}

/// <summary>A relation type: its names both ways and how its edges behave.</summary>
public sealed record RelationTypeContent
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

/// <summary>A formula of a technique, with its symbols.</summary>
public record FormulaContent
{
    public string? Slug { get; init; }
    public string? Technique { get; init; }
    public LocalizedText? Name { get; init; }
    public string? Latex { get; init; }
    public IReadOnlyList<FormulaSymbolContent>? Symbols { get; init; }
    public LocalizedText? Description { get; init; }
    public string? Reference { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}

public sealed record FormulaSymbolContent
{
    public string? Symbol { get; init; }
    public LocalizedText? Meaning { get; init; }
}

public record ModelContent
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public string? Parameters { get; init; }
    public string? Organization { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public IReadOnlyList<string>? References { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}

public record DatasetContent
{
    public string? Slug { get; init; }
    public string? Parent { get; init; }
    public LocalizedText? Name { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public LocalizedText? Description { get; init; }
    public string? Reference { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}

public record LimitationContent
{
    public string? Slug { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}

public record ApplicationContent
{
    public string? Slug { get; init; }
    public string? Parent { get; init; }
    public LocalizedText? Name { get; init; }
    public LocalizedText? Description { get; init; }
    public int? Position { get; init; }
    public bool? Verified { get; init; }
}
