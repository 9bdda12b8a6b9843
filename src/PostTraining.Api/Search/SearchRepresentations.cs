using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using PostTraining.Data.Content;

namespace PostTraining.Api.Search;

/// <summary>Ranked search results across every kind of entity.</summary>
public sealed record SearchResults(
    [property: Description("The query as received.")] string Query,
    [property: Description("prefix (type-ahead) or full."), AllowedValues("prefix", "full")] string Mode,
    IReadOnlyList<SearchItem> Items);

/// <summary>One entity that matched, with where and how.</summary>
public sealed record SearchItem(
    [property: AllowedValues("paradigm", "technique", "reference", "model", "dataset", "limitation", "formula", "application")] string Kind,
    string Slug,
    LocalizedText? Name,
    [property: Description("For techniques: technique or method."), AllowedValues("technique", "method")] string? TechniqueKind,
    [property: Description("Relevance; higher is better. Exact name or abbreviation matches score 100.")] double Score,
    [property: Description("The field that matched best: name.en, name.zh, abbreviation, aliases, slug, description.en or description.zh.")] string MatchedField,
    [property: Description("exact, prefix, word-start, substring, all-words or fuzzy."), AllowedValues("exact", "prefix", "word-start", "substring", "all-words", "fuzzy")] string Match,
    [property: Description("The matched field's text, HTML-escaped, with the matched parts in <mark> elements.")] string Highlight,
    string Url);
