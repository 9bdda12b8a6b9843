using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Graph;

/// <summary>The entities within a number of hops of a technique, and the edges between them.</summary>
public sealed record Neighborhood(
    NodeLink Center,
    int Depth,
    [property: Description("Relation types walked; absent when every type was.")] IReadOnlyList<string>? Types,
    IReadOnlyList<NeighborNode> Nodes,
    IReadOnlyList<NeighborEdge> Edges,
    [property: Description("True when the neighborhood was cut at 1000 entities.")] bool Truncated);

public sealed record NeighborNode(string Kind, string Slug, LocalizedText? Name, [property: Description("Hops from the center.")] int Distance, string Url);

public sealed record NeighborEdge(
    [property: Description("Relationship id; absent for tree edges (type broader).")] long? Id,
    string Type,
    LocalizedText Name,
    [property: Description("kind:slug of the source.")] string Source,
    [property: Description("kind:slug of the target.")] string Target);

/// <summary>Shortest typed paths between two entities.</summary>
public sealed record PathResults(NodeLink From, NodeLink To, int MaxHops, IReadOnlyList<string>? Types, IReadOnlyList<GraphPath> Paths);

public sealed record GraphPath([property: Description("Number of hops.")] int Length, IReadOnlyList<PathHop> Hops);

/// <summary>One step of a path, named in the direction it was walked.</summary>
public sealed record PathHop(
    NodeLink From,
    NodeLink To,
    string Type,
    [property: Description("The type's name when walked forward, its inverse name when walked against the edge.")] LocalizedText Name,
    [property: Description("forward (from source to target) or inverse."), AllowedValues("forward", "inverse")] string Direction,
    [property: Description("Relationship id; absent for tree edges (type broader).")] long? Relationship);

/// <summary>What to read, prerequisites first, to understand a technique.</summary>
public sealed record ReadingOrder(
    NodeLink Technique,
    [property: Description("Relation types followed (those flagged prerequisite).")] IReadOnlyList<string> Types,
    IReadOnlyList<ReadingStep> Steps,
    [property: Description("Cycles met among the prerequisites (each as kind:slug keys); they were broken to give an order.")] IReadOnlyList<IReadOnlyList<string>> Cycles);

public sealed record ReadingStep(
    int Position,
    string Kind,
    string Slug,
    LocalizedText? Name,
    string Url,
    [property: Description("kind:slug of the entries this one is a prerequisite of.")] IReadOnlyList<string> PrerequisiteOf,
    [property: Description("Where to read about it: references introducing or defining it.")] IReadOnlyList<string> References);
