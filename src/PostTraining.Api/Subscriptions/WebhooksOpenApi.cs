using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// The document's OpenAPI 3.1 <c>webhooks</c> section: the request the service sends to a subscriber, its body (the
/// change-feed entry as <see cref="WebhookPayload"/>) and the three Standard Webhooks headers, and what the answer
/// means. Swashbuckle describes only endpoints the service serves, so this adds it.
/// </summary>
internal sealed class WebhooksOpenApi : IDocumentFilter
{
    public const string Name = "change";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var payload = context.SchemaGenerator.GenerateSchema(typeof(WebhookPayload), context.SchemaRepository);
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
        OpenApiParameter Header(string name, string description, string pattern, string example) => new()
        {
            Name = name,
            In = ParameterLocation.Header,
            Required = true,
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = pattern, MaxLength = 200 },
            Example = JsonValue.Create(example),
        };

        OpenApiResponse Answer(string description) => new() { Description = description };
        var operation = new OpenApiOperation
        {
            OperationId = "changeWebhook",
            Summary = "A change in a subscription's scope",
            Description = "POSTed to a subscription's url for each change in its scope, one change per request, as JSON with a Content-Length. "
                + "Verify webhook-signature before trusting the body: HMAC-SHA256, keyed with the base64-decoded part of the subscription's secret after 'whsec_', "
                + "over '{webhook-id}.{webhook-timestamp}.{body}', base64, after 'v1,' (Standard Webhooks). webhook-id is the same on every retry and redelivery "
                + "of the change: de-duplicate on it. Changes of one entity arrive in feed order; other entities' changes may interleave. "
                + "Network errors, timeouts, 429 (after Retry-After) and 5xx are retried with exponential backoff from about 1 s (jittered, doubling up to Webhooks:MaxBackoff) "
                + "for Webhooks:RetryFor (24 h), then given up and the subscription marked failing; 410 ends the subscription; other answers are final.",
            Tags = new HashSet<OpenApiTagReference> { new("Subscriptions", document) },
            // The subscriber authenticates the service by the signature, not by a scheme of this document: none is required.
            Security = [new OpenApiSecurityRequirement()],
            Parameters =
            [
                Header("webhook-id", "The message id: msg_<subscription>_<change>, stable across retries.", "^msg_[0-9]+_[0-9]+$", "msg_7_1042"),
                Header("webhook-timestamp", "When this attempt was signed, in Unix seconds; reject ones far from your clock.", "^[0-9]+$", "1796601600"),
                Header("webhook-signature", "v1,<base64 HMAC-SHA256>; several signatures may be space-separated, one must match.", "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$",
                    "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="),
            ],
            RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = "The change: its feed entry, and what it is to this subscription.",
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = payload } },
            },
            Responses = new OpenApiResponses
            {
                ["200"] = Answer("Received (any 2xx is)."),
                ["410"] = Answer("The subscriber wants no more: the subscription ends."),
                ["429"] = Answer("Retried, no sooner than the Retry-After the answer gives."),
                ["500"] = new OpenApiResponse
                {
                    Description = "Any 5xx is retried with backoff.",
                    Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } },
                },
            },
        };
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        document.Webhooks[Name] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = operation } };
    }
}
