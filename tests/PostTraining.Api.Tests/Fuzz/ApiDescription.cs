using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>One operation of the service's own OpenAPI document, flattened for the fuzzer.</summary>
internal sealed record ApiOperation(
    string Method,
    string PathTemplate,
    string OperationId,
    IReadOnlyList<IOpenApiParameter> Parameters,
    IOpenApiRequestBody? RequestBody,
    OpenApiResponses Responses)
{
    public bool IsRead => Method is "GET" or "HEAD";

    /// <summary>Writes need a key; of the reads only key management and webhook subscriptions do (see the contract).</summary>
    public bool NeedsKey => !IsRead || PathTemplate.StartsWith("/api/v1/keys", StringComparison.Ordinal) || PathTemplate.StartsWith("/api/v1/subscriptions", StringComparison.Ordinal);

    public IEnumerable<IOpenApiParameter> In(ParameterLocation location) => Parameters.Where(p => p.In == location);

    /// <summary>The documented response for a status, falling back to the 4XX/5XX ranges and to "default".</summary>
    public IOpenApiResponse? ResponseFor(int status)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Responses.TryGetValue(code, out var exact))
        {
            return exact;
        }

        if (Responses.TryGetValue($"{code[0]}XX", out var range))
        {
            return range;
        }

        return Responses.TryGetValue("default", out var fallback) ? fallback : null;
    }

    public override string ToString() => $"{Method} {PathTemplate} ({OperationId})";
}

/// <summary>Reads the OpenAPI document the running service serves, with Microsoft.OpenApi.</summary>
internal static class ApiDescription
{
    public static async Task<(OpenApiDocument Document, IReadOnlyList<ApiOperation> Operations)> LoadAsync(HttpClient client)
    {
        var json = await client.GetStringAsync("/swagger/v1/swagger.json");
        var result = OpenApiDocument.Parse(json, "json", new OpenApiReaderSettings());
        var document = result.Document ?? throw new InvalidOperationException(
            "The OpenAPI document could not be read: " + string.Join("; ", result.Diagnostic?.Errors.Select(e => e.Message) ?? []));

        var operations = new List<ApiOperation>();
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? []).ToList();
                operations.Add(new ApiOperation(method.Method.ToUpperInvariant(), path, operation.OperationId ?? $"{method} {path}",
                    parameters, operation.RequestBody, operation.Responses ?? new OpenApiResponses()));
            }
        }

        return (document, operations);
    }

    public static bool HasType(this IOpenApiSchema schema, JsonSchemaType type) => schema.Type is { } t && (t & type) == type;

    public static bool Allows(this IOpenApiSchema schema, JsonSchemaType type) => schema.Type is not { } t || (t & type) != 0;

    public static IReadOnlyList<string> EnumValues(this IOpenApiSchema schema) =>
        schema.Enum?.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "null").ToList() ?? [];
}
