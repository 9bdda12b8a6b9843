using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Taxonomy;

/// <summary>The taxonomy as one nested document: paradigms, then techniques and methods at every depth.</summary>
public sealed record TaxonomyDocument(
    [property: Description("The subtree root when one was asked for (root=...).")] string? Root,
    IReadOnlyList<TaxonomyParadigm> Paradigms);

public sealed record TaxonomyParadigm(string Slug, LocalizedText Name, LocalizedText? Goal, LocalizedText? Description, string Url, IReadOnlyList<TaxonomyTechnique> Techniques);

public sealed record TaxonomyTechnique(
    string Slug,
    [property: Description("technique or method."), AllowedValues("technique", "method")] string Kind,
    LocalizedText Name,
    string? Abbreviation,
    int? Year,
    string Url,
    IReadOnlyList<TaxonomyTechnique> Children);
