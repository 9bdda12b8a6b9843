using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Api.Comparisons;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Techniques;

/// <summary>A technique or method in a list.</summary>
public sealed record TechniqueSummary(
    string Slug,
    [property: Description("technique (at any depth) or method (a named method, usually with its paper)."), AllowedValues("technique", "method")] string Kind,
    LocalizedText Name,
    string? Abbreviation,
    [property: Description("Slug of the paradigm.")] string Paradigm,
    [property: Description("Slug of the parent technique; absent at the top of a paradigm.")] string? Parent,
    [property: Description("0 at the top of a paradigm, parent depth + 1 below.")] int Depth,
    [property: Description("Year the method was introduced, when known.")] int? Year,
    string Url);

/// <summary>A technique or method with everything around it.</summary>
public sealed record TechniqueDetail(
    string Slug,
    [property: AllowedValues("technique", "method")] string Kind,
    LocalizedText Name,
    string? Abbreviation,
    NodeLink Paradigm,
    string? Parent,
    int Depth,
    int? Year,
    string Url,
    LocalizedText? Description,
    IReadOnlyList<string> Aliases,
    [property: Description("From the top of the tree down to the parent (a breadcrumb).")] IReadOnlyList<TechniqueSummary> Ancestors,
    IReadOnlyList<TechniqueSummary> Children,
    IReadOnlyList<TechniqueReference> References,
    IReadOnlyList<FormulaItem> Formulas,
    RelationshipsView Relationships,
    [property: Description("The technique's row in every comparison it is in: the survey's values for it, axis by axis.")] IReadOnlyList<TechniqueComparison> Comparisons,
    [property: Description("True for a method the curated data knowingly lists without a paper.")] bool LacksReference,
    SourceInfo Source,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    TechniqueLinks Links);

/// <summary>A reference as seen from a technique, with the role it plays for it.</summary>
public sealed record TechniqueReference(
    string Slug,
    string Title,
    IReadOnlyList<string> Authors,
    int? Year,
    string? Venue,
    string? ArxivId,
    [property: Description("Where the work can be read (redirect wrappers decoded).")] string? Url,
    [property: Description("introduces, defines, describes or uses."), AllowedValues("introduces", "defines", "describes", "uses")] string Role,
    [property: Description("Root-relative URL of the reference in this API.")] string ApiUrl);

/// <summary>A formula in LaTeX with its symbols explained.</summary>
public sealed record FormulaItem(string Slug, LocalizedText? Name, string? Latex, IReadOnlyList<FormulaSymbolItem> Symbols, string Url);

public sealed record FormulaSymbolItem(string Symbol, LocalizedText? Meaning);

/// <summary>Related resources of a technique.</summary>
public sealed record TechniqueLinks(string References, string Bibtex, string Neighbors, string ReadingOrder);
