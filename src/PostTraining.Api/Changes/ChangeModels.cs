using System.Text.Json;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Changes;

/// <summary>
/// One recorded write. <c>before</c> and <c>after</c> are the entity in the curated-data shape (absent before a create
/// and after a delete), so replaying the feed from the start rebuilds the content.
/// </summary>
public sealed record ChangeEntry(
    long Id,
    DateTimeOffset At,
    string Author,
    string Operation,
    string Kind,
    string Key,
    JsonElement? Before,
    JsonElement? After,
    string? Url);

/// <param name="Items">Entries in ascending id order.</param>
/// <param name="Next">The next page, when this one was full.</param>
/// <param name="Poll">Where to ask later for entries after this page (present even on the last page).</param>
public sealed record ChangePage(IReadOnlyList<ChangeEntry> Items, string? Next, string? Poll);

public static class ChangeMapping
{
    public static ChangeEntry ToEntry(this Change change) => new(
        change.Id,
        change.At,
        change.Author,
        change.Operation,
        change.EntityKind,
        change.EntityKey,
        change.Before?.RootElement.Clone(),
        change.After?.RootElement.Clone(),
        UrlOf(change.EntityKind, change.EntityKey));

    /// <summary>Where the entity lives now (or lived, for a delete); null for kinds without a resource of their own.</summary>
    public static string? UrlOf(string kind, string key) => kind switch
    {
        ChangeKinds.Paradigm => $"/api/v1/paradigms/{key}",
        ChangeKinds.Technique => $"/api/v1/techniques/{key}",
        ChangeKinds.Reference => $"/api/v1/references/{key}",
        ChangeKinds.Relationship => $"/api/v1/relationships/{key}",
        ChangeKinds.Formula => $"/api/v1/formulas/{key}",
        ChangeKinds.Comparison => $"/api/v1/comparisons/{key}",
        ChangeKinds.TechniqueReference when key.Split('/') is [var technique, var reference] => $"/api/v1/techniques/{technique}/references/{reference}",
        _ => null,
    };
}

/// <summary>The <c>kind</c> values of change entries.</summary>
public static class ChangeKinds
{
    public const string Paradigm = "paradigm";
    public const string Technique = "technique";
    public const string Reference = "reference";
    public const string Relationship = "relationship";
    public const string TechniqueReference = "technique-reference";
    public const string Formula = "formula";

    /// <summary>A comparison table, recorded whole (axes, rows, cells) whichever part a write changed.</summary>
    public const string Comparison = "comparison";

    // Kinds only the seed loader records (no write endpoint of their own), named as the loader names them.
    public const string Model = "model";
    public const string Dataset = "dataset";
    public const string Limitation = "limitation";
    public const string Application = "application";
    public const string RelationType = "relation-type";

    /// <summary>Every kind the feed holds, for the scope parameters that take one and the 400 that lists them.</summary>
    public static readonly IReadOnlyList<string> All =
        [Paradigm, Technique, Reference, Relationship, TechniqueReference, Formula, Comparison, Model, Dataset, Limitation, Application, RelationType];
}

/// <summary>The <c>operation</c> values of change entries.</summary>
public static class ChangeOperations
{
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
}
