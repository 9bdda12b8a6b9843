using System.ComponentModel;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.OpenApi;
using PostTraining.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// Completes each operation from what the endpoint declares: parameter descriptions from [Description], an example
/// for every parameter people try first in Swagger UI, the non-JSON media types a 200 can carry, and the
/// conditional-GET headers.
/// </summary>
internal sealed class ReadOperationFilter : IOperationFilter
{
    // Examples chosen so "Try it out" answers with real data straight away.
    private static readonly Dictionary<string, string> SlugExamples = new(StringComparer.Ordinal)
    {
        ["/api/v1/techniques"] = "dpo",
        ["/api/v1/paradigms"] = "alignment",
        ["/api/v1/references"] = "arxiv-2305-18290",
        ["/api/v1/relation-types"] = "variant-of",
        ["/api/v1/formulas"] = "dpo-objective",
        ["/api/v1/models"] = "gpt-3",
        ["/api/v1/datasets"] = "flan",
        ["/api/v1/limitations"] = "limited-reasoning",
        ["/api/v1/applications"] = "llm-applications",
        ["/api/v1/comparisons"] = "alignment-methods",
    };

    private static readonly Dictionary<string, string> QueryExamples = new(StringComparer.Ordinal)
    {
        ["q"] = "偏好优化",
        ["from"] = "dpo",
        ["to"] = "ppo",
        ["root"] = "peft",
        ["arxiv"] = "2305.18290",
        ["comparison"] = "alignment-methods",
        ["where"] = "reference-model:free,optimization:offline",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        // WithSummary wins over the handler's XML summary, which describes the method rather than the operation.
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>().LastOrDefault() is { } summary)
        {
            operation.Summary = summary.Summary;
        }

        var path = "/" + (context.ApiDescription.RelativePath ?? "").TrimEnd('/');
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            var attributes = context.ApiDescription.ParameterDescriptions
                .Where(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                .Select(p => (p.ParameterDescriptor as IParameterInfoParameterDescriptor)?.ParameterInfo)
                .OfType<ParameterInfo>()
                .SelectMany(p => p.GetCustomAttributes(true))
                .ToArray();
            // A header keeps its HTTP spelling (Last-Event-ID), which the document's camelCasing of names would change.
            if (parameter.In == ParameterLocation.Header && attributes.OfType<Microsoft.AspNetCore.Mvc.FromHeaderAttribute>().FirstOrDefault()?.Name is { } header)
            {
                parameter.Name = header;
            }

            if (string.IsNullOrEmpty(parameter.Description) && attributes.OfType<DescriptionAttribute>().FirstOrDefault() is { } description)
            {
                parameter.Description = description.Description;
            }

            // Minimal APIs bind [Required] query parameters as optional strings (the handler answers 400 naming them),
            // so the document must say they are required or clients and fuzzers leave them out.
            if (attributes.OfType<System.ComponentModel.DataAnnotations.RequiredAttribute>().Any())
            {
                parameter.Required = true;
            }

            if (attributes.OfType<System.ComponentModel.DataAnnotations.AllowedValuesAttribute>().FirstOrDefault() is { } allowed
                && parameter.Schema is OpenApiSchema schema)
            {
                schema.Enum = allowed.Values.Select(v => (JsonNode)JsonValue.Create(v?.ToString())!).ToList();
            }

            var example = parameter.Name switch
            {
                "slug" => SlugExamples.FirstOrDefault(e => path.StartsWith(e.Key, StringComparison.Ordinal)).Value,
                "id" => "1",
                _ => QueryExamples.GetValueOrDefault(parameter.Name ?? ""),
            };
            if (example is not null && parameter.Example is null)
            {
                parameter.Example = parameter.Name == "id" ? JsonValue.Create(1) : JsonValue.Create(example);
            }
        }

        var formats = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AlternateFormats>().FirstOrDefault();
        if (formats is not null && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            foreach (var format in formats.Formats)
            {
                response.Content[format.Essence] = new OpenApiMediaType
                {
                    // JSON-LD is JSON with a schema of its own; the other formats are text.
                    Schema = format == MediaFormat.JsonLd ? SkosJsonLdSchema.Reference(context.Document) : new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        // A live stream's events: the media type has no JSON schema of its own, so the schema says what each event holds.
        if (operation.Responses?.TryGetValue("200", out var stream) == true && stream is OpenApiResponse streamResponse
            && streamResponse.Content?.TryGetValue("text/event-stream", out var events) == true && events is OpenApiMediaType eventMedia)
        {
            streamResponse.Description = "The event stream, open until the client leaves or the service stops. Each event is 'id: <change id>', "
                + "'event: <created|updated|deleted|moved|linked>' and 'data: <one line of JSON, a ChangeEntry as /api/v1/changes lists it>', "
                + "then a blank line; ': heartbeat' comment lines keep an idle connection open.";
            eventMedia.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "text/event-stream (WHATWG HTML, server-sent events); the data of each event is a ChangeEntry. For example: "
                    + "'id: 4711' / 'event: updated' / 'data: {\"id\":4711,\"kind\":\"technique\",\"key\":\"dpo\",\"operation\":\"update\",...}' / '' / ': heartbeat'.",
            };
        }

        // A POST's 200 (the BibTeX import's report) is an answer, not a cacheable representation.
        else if (operation.Responses?.TryGetValue("200", out var success) == true && success is OpenApiResponse described
            && !HttpMethods.IsPost(context.ApiDescription.HttpMethod ?? ""))
        {
            described.Description = "OK. Carries a strong ETag; send it back in If-None-Match to get 304 when nothing changed.";
        }

        if (operation.Responses?.TryGetValue("304", out var notModified) == true && notModified is OpenApiResponse unchanged)
        {
            unchanged.Description = "Not modified: the representation still has the ETag given in If-None-Match.";
        }
    }
}
