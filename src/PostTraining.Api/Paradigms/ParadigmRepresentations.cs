using System.ComponentModel;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Techniques;
using PostTraining.Data.Content;

namespace PostTraining.Api.Paradigms;

/// <summary>A post-training paradigm in a list.</summary>
public sealed record ParadigmSummary(
    string Slug,
    LocalizedText Name,
    [property: Description("What the paradigm sets out to achieve.")] LocalizedText? Goal,
    int Position,
    [property: Description("Number of techniques and methods under the paradigm, at every depth.")] int TechniqueCount,
    string Url);

/// <summary>A paradigm with its top-level techniques.</summary>
public sealed record ParadigmDetail(
    string Slug,
    LocalizedText Name,
    LocalizedText? Goal,
    LocalizedText? Description,
    int Position,
    int TechniqueCount,
    [property: Description("Top-level techniques; follow their URLs (or /taxonomy) for the levels below.")] IReadOnlyList<TechniqueSummary> Techniques,
    RelationshipsView Relationships,
    SourceInfo Source,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url,
    [property: Description("Every technique of the paradigm, flat, as a filtered technique list.")] string TechniquesUrl);
