using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// Document-wide touches: the tags in the order a newcomer should meet them, each with a description, and HEAD
/// operations left out (every GET also answers HEAD; listing each twice would only repeat it).
/// </summary>
internal sealed class ReadDocumentFilter : IDocumentFilter
{
    /// <summary>Tag order in Swagger UI; tags other features add come after these, alphabetically.</summary>
    public static readonly (string Name, string Description)[] Tags =
    [
        ("Taxonomy", "The whole tree in one document: JSON, Mermaid, Graphviz DOT, SKOS JSON-LD or CSV."),
        ("Search", "One ranked search over every kind of entity, in Chinese and English."),
        ("Paradigms", "The five post-training paradigms of the survey (and any curators add)."),
        ("Techniques", "Techniques, sub-techniques and named methods, each under a paradigm."),
        ("Graph", "How entities are related: neighbours, shortest typed paths, reading order."),
        ("References", "Papers and articles behind the techniques; also as BibTeX."),
        ("Relationships", "Typed, directed edges between any two entities."),
        ("Relation types", "The registry of relationship types and their semantics."),
        ("Formulas", "Objectives and losses in LaTeX with their symbols explained."),
        ("Models", "Language models the sources name."),
        ("Datasets", "Datasets used in post-training."),
        ("Limitations", "Limitations of pre-trained models that post-training addresses."),
        ("Applications", "Application areas of post-trained models."),
    ];

    public static int Rank(string? tag)
    {
        var index = Array.FindIndex(Tags, t => t.Name == tag);
        return index < 0 ? Tags.Length : index;
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        foreach (var path in document.Paths.Values)
        {
            path.Operations?.Remove(HttpMethod.Head);
        }

        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var ordered = Tags.Where(t => used.Contains(t.Name)).Select(t => new OpenApiTag { Name = t.Name, Description = t.Description })
            .Concat(used.Where(u => Rank(u) == Tags.Length).Order(StringComparer.Ordinal).Select(u =>
                document.Tags?.FirstOrDefault(t => t.Name == u) ?? new OpenApiTag { Name = u }))
            .ToList();
        // A set filled once and never removed from enumerates in insertion order, which Swagger UI follows.
        document.Tags = new HashSet<OpenApiTag>(ordered);
    }
}
