using System.ComponentModel;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Relationships;

/// <summary>A typed, directed edge between two entities.</summary>
public sealed record RelationshipItem(
    long Id,
    [property: Description("Relation type slug.")] string Type,
    [property: Description("The type's name, reading from source to target.")] LocalizedText Name,
    [property: Description("The type's inverse name, reading from target to source.")] LocalizedText InverseName,
    NodeLink Source,
    NodeLink Target,
    LocalizedText? Note,
    bool Verified,
    [property: Description("Where the relationship came from.")] SourceInfo Provenance,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string Url);

/// <summary>A relationship type and its semantics.</summary>
public sealed record RelationTypeItem(
    string Slug,
    LocalizedText Name,
    [property: Description("How an edge of this type reads backwards, from target to source.")] LocalizedText InverseName,
    LocalizedText? Description,
    [property: Description("A relates-to B implies B relates-to A.")] bool Symmetric,
    [property: Description("A-B and B-C imply A-C.")] bool Transitive,
    [property: Description("Edges of this type never close a cycle.")] bool Acyclic,
    [property: Description("The target is worth reading before the source (walked by reading-order).")] bool Prerequisite,
    [property: Description("Number of relationships of this type.")] int RelationshipCount,
    string Url,
    [property: Description("The relationships of this type.")] string RelationshipsUrl);
