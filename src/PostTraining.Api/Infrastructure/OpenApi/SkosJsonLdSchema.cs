using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// The schema of the taxonomy's SKOS JSON-LD representation (TaxonomyExport.JsonLd writes it by hand, so no record
/// describes it): a context and a graph of one concept scheme and its concepts.
/// </summary>
internal static class SkosJsonLdSchema
{
    public const string Name = "SkosJsonLd";

    public static IOpenApiSchema Reference(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(Name, Create());
        return new OpenApiSchemaReference(Name, document);
    }

    private static OpenApiSchema Create()
    {
        static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
        static OpenApiSchema Ids(string description) => new() { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String }, Description = description };
        static OpenApiSchema Languages(string description) => new()
        {
            Type = JsonSchemaType.Object,
            Description = description,
            Properties = new Dictionary<string, IOpenApiSchema> { ["en"] = Text("English."), ["zh"] = Text("Chinese.") },
            AdditionalPropertiesAllowed = false,
        };

        var node = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The concept scheme (the taxonomy) or one concept (a paradigm or technique).",
            Required = new HashSet<string> { "@id", "@type" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["@id"] = Text("Root-relative API URL of the scheme or entity."),
                ["@type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("skos:ConceptScheme"), JsonValue.Create("skos:Concept")] },
                ["title"] = Languages("The scheme's title (dct:title)."),
                ["hasTopConcept"] = Ids("The paradigms (skos:hasTopConcept)."),
                ["inScheme"] = Text("The scheme (skos:inScheme)."),
                ["notation"] = Text("The entity's slug (skos:notation)."),
                ["prefLabel"] = Languages("Name (skos:prefLabel)."),
                ["altLabel"] = Ids("Abbreviation and aliases (skos:altLabel)."),
                ["definition"] = Languages("Description (skos:definition)."),
                ["topConceptOf"] = Text("Set on paradigms (skos:topConceptOf)."),
                ["broader"] = Text("The parent technique or paradigm (skos:broader)."),
                ["narrower"] = Ids("Child techniques (skos:narrower)."),
                ["related"] = Ids("Entities related inside the scope (skos:related)."),
            },
            AdditionalPropertiesAllowed = false,
        };

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "SKOS in JSON-LD: the taxonomy as a concept scheme whose top concepts are the paradigms.",
            Required = new HashSet<string> { "@context", "@graph" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["@context"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "Prefixes (skos, dct) and term definitions." },
                ["@graph"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = node },
            },
            AdditionalPropertiesAllowed = false,
        };
    }
}
