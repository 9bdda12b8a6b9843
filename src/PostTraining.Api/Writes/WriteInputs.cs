using System.ComponentModel;

namespace PostTraining.Api.Writes;

// The writable representations: what POST and PUT take, what PATCH merges into, and what the change feed records as
// "before" and "after". Member names and shapes are those of the curated data file (docs/architecture.md), so an
// entry of the feed is an entry a content file could hold. Every member is nullable: absence is reported by the
// validators under the member's name, not by the deserializer.

/// <summary>Bilingual text; a missing translation is an absent member.</summary>
public sealed record TextInput(string? En, string? Zh);

/// <summary>A paradigm: both names are required.</summary>
public sealed record ParadigmInput(
    [property: Description("Lowercase words joined by hyphens; a different slug on PUT/PATCH renames (the old one then redirects).")] string? Slug,
    TextInput? Name,
    TextInput? Goal,
    TextInput? Description,
    IReadOnlyList<string>? Aliases,
    [property: Description("Order among paradigms.")] int? Position,
    bool? Verified);

/// <summary>A technique, sub-technique or method under a paradigm.</summary>
public sealed record TechniqueInput(
    string? Slug,
    [property: Description("Slug of the paradigm; may be left out below a parent (it is the parent's).")] string? Paradigm,
    [property: Description("Slug of the parent technique; absent at the top of a paradigm.")] string? Parent,
    [property: Description("'technique' or 'method'.")] string? Kind,
    [property: Description("English and Chinese names; a method may lack the Chinese one.")] TextInput? Name,
    string? Abbreviation,
    IReadOnlyList<string>? Aliases,
    TextInput? Description,
    int? Year,
    int? Position,
    bool? Verified,
    [property: Description("True for a method knowingly listed without a paper.")] bool? LacksReference);

/// <summary>A paper, article or other source.</summary>
public sealed record ReferenceInput(
    [property: Description("Derived when absent: 'arxiv-2305-18290' from an arXiv id, else from the title.")] string? Slug,
    string? Title,
    IReadOnlyList<string>? Authors,
    int? Year,
    string? Venue,
    [property: Description("http or https URL of the work itself.")] string? Url,
    [property: Description("e.g. 2305.18290 or hep-th/9901001; a version suffix is dropped.")] string? ArxivId,
    [property: Description("BCP 47 tag of the work's language, e.g. en, zh.")] string? Language,
    TextInput? Description,
    int? Position,
    bool? Verified,
    [property: Description("e.g. 10.1007/BF00992696 (a https://doi.org/ prefix is dropped; stored lower-cased).")] string? Doi = null,
    [property: Description("True when the authors listed are only the first of more (the source ends in \"et al.\").")] bool? AuthorsTruncated = null);

/// <summary>A typed edge between two entities.</summary>
public sealed record RelationshipInput(
    [property: Description("Slug of a relation type (see /api/v1/relation-types).")] string? Type,
    [property: Description("'kind:slug', e.g. technique:dpo.")] string? Source,
    [property: Description("'kind:slug', e.g. technique:rlhf.")] string? Target,
    [property: Description("Slug of the reference the edge rests on.")] string? Reference,
    TextInput? Note,
    bool? Verified);

/// <summary>Links a reference to a technique (POST on the technique's references).</summary>
public sealed record TechniqueReferenceInput(
    [property: Description("Slug of the reference.")] string? Reference,
    [property: Description("introduces (default), defines, describes or uses.")] string? Role);

/// <summary>Changes what a linked reference is to the technique (PUT on the link).</summary>
public sealed record TechniqueReferenceRoleInput(
    [property: Description("introduces, defines, describes or uses.")] string? Role);
