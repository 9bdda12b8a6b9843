using System.ComponentModel;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.References;

/// <summary>A paper, article or other source in a list.</summary>
public sealed record ReferenceSummary(
    string Slug,
    string Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Venue,
    [property: Description("New-style arXiv identifier without version, e.g. 2305.18290.")] string? ArxivId,
    [property: Description("Where the work can be read (redirect wrappers decoded).")] string? Url,
    [property: Description("Language of the work (BCP 47).")] string? Language,
    [property: Description("Root-relative URL of the reference in this API.")] string ApiUrl,
    [property: Description("Digital Object Identifier, lower-cased, without the https://doi.org/ prefix.")] string? Doi,
    [property: Description("True where the source's own author list ends in \"et al.\": the authors listed are the first of more.")] bool AuthorsTruncated);

/// <summary>A reference with the techniques it stands behind.</summary>
public sealed record ReferenceDetail(
    string Slug,
    string Title,
    LocalizedText Name,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Venue,
    string? ArxivId,
    string? Url,
    string? Language,
    string ApiUrl,
    string? Doi,
    bool AuthorsTruncated,
    IReadOnlyList<ReferenceTechnique> Techniques,
    RelationshipsView Relationships,
    SourceInfo Source,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("This reference as BibTeX.")] string Bibtex);

/// <summary>A technique a reference is linked to, with the role the reference plays for it.</summary>
public sealed record ReferenceTechnique(string Slug, LocalizedText? Name, string Role, string Url);
