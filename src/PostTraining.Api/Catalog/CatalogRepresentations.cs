using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Catalog;

/// <summary>A model, dataset, limitation or application in a list.</summary>
public sealed record CatalogSummary(
    string Slug,
    [property: Description("model, dataset, limitation or application."), AllowedValues("model", "dataset", "limitation", "application")] string Kind,
    LocalizedText? Name,
    [property: Description("Slug of the category the entry sits under (datasets and applications).")] string? Parent,
    [property: Description("Parameter count as a source states it (models).")] string? Parameters,
    [property: Description("The organisation behind it (models).")] string? Organization,
    string Url);

/// <summary>A model, dataset, limitation or application with its relationships.</summary>
public sealed record CatalogDetail(
    string Slug,
    string Kind,
    LocalizedText? Name,
    string? Abbreviation,
    IReadOnlyList<string> Aliases,
    LocalizedText? Description,
    NodeLink? Parent,
    IReadOnlyList<NodeLink> Children,
    string? Parameters,
    string? Organization,
    RelationshipsView Relationships,
    SourceInfo Source,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url);

/// <summary>A formula in a list.</summary>
public sealed record FormulaSummary(
    string Slug,
    LocalizedText? Name,
    [property: Description("The formula in LaTeX.")] string? Latex,
    [property: Description("Slug of the technique the formula belongs to.")] string? Technique,
    string Url);

/// <summary>A formula with its symbols explained.</summary>
public sealed record FormulaDetail(
    string Slug,
    LocalizedText? Name,
    string? Latex,
    IReadOnlyList<Techniques.FormulaSymbolItem> Symbols,
    LocalizedText? Description,
    NodeLink? Technique,
    RelationshipsView Relationships,
    SourceInfo Source,
    bool Verified,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url);
