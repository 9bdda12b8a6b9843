using System.Net;
using System.Text.Json;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// The checks Schemathesis applies to every answer, in our own terms: no server error, a documented status, the
/// documented content type and headers, a body valid against the documented schema, invalid input refused with a
/// 4xx, valid reads accepted, and key-protected operations refusing callers without a valid key.
/// </summary>
internal static class ResponseChecks
{
    private static readonly string[] JsonTypes = ["application/json", "application/problem+json", "application/ld+json"];

    public static async Task<List<string>> CheckAsync(FuzzRequest request, HttpResponseMessage response)
    {
        var failures = new List<string>();
        var op = request.Operation;
        var status = (int)response.StatusCode;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        // A live stream's body never ends: its status, type and headers are checked; disposing the response ends it.
        var isStream = mediaType == "text/event-stream";
        var body = isStream ? "" : await response.Content.ReadAsStringAsync();

        // not_a_server_error
        if (status >= 500)
        {
            failures.Add($"server error {status}");
        }

        // Expectations that follow from what the request was meant to be.
        switch (request.Intent)
        {
            case Intent.Unauthenticated when status != 401:
                failures.Add($"ignored_auth: expected 401 without a valid key, got {status}");
                break;
            case Intent.Invalid when status is < 400 or >= 500:
                failures.Add($"negative_data_rejection: expected a 4xx for invalid input, got {status}");
                break;
            case Intent.Valid when op.IsRead && !(status is >= 200 and < 300 || (status == 404 && request.Why.Contains("unknown", StringComparison.Ordinal))):
                failures.Add($"positive_data_acceptance: expected 2xx for a valid read, got {status}");
                break;
        }

        // status_code_conformance
        var documented = op.ResponseFor(status);
        if (documented is null)
        {
            failures.Add($"status_code_conformance: {status} is not documented for {op.OperationId} (documented: {string.Join(", ", op.Responses.Keys)})");
        }

        // content_type_conformance
        if ((body.Length > 0 || isStream) && request.Operation.Method != "HEAD")
        {
            if (status >= 400 && mediaType != "application/problem+json")
            {
                failures.Add($"content_type_conformance: error {status} answered as {mediaType ?? "(none)"}, not application/problem+json");
            }
            else if (status < 400 && documented?.Content is { Count: > 0 } content && !content.Keys.Any(k => SameMediaType(k, mediaType)))
            {
                failures.Add($"content_type_conformance: {mediaType ?? "(none)"} is not among the documented {string.Join(", ", content.Keys)}");
            }
        }

        // response_headers_conformance: what the contract promises on every answer of a kind.
        CheckHeaders(request, response, status, failures);

        // response_schema_conformance
        if (body.Length > 0 && mediaType is not null && JsonTypes.Contains(mediaType) && documented?.Content is { } documentedContent)
        {
            var schema = documentedContent.FirstOrDefault(c => SameMediaType(c.Key, mediaType)).Value?.Schema
                         ?? documentedContent.Values.FirstOrDefault()?.Schema;
            try
            {
                using var json = JsonDocument.Parse(body);
                if (schema is not null)
                {
                    failures.AddRange(SchemaValidator.Validate(json.RootElement, schema).Select(e => "response_schema_conformance: " + e));
                }

                if (mediaType == "application/problem+json")
                {
                    foreach (var member in new[] { "type", "title", "status" })
                    {
                        if (!json.RootElement.TryGetProperty(member, out _))
                        {
                            failures.Add($"problem+json without '{member}'");
                        }
                    }
                }
            }
            catch (JsonException e)
            {
                failures.Add($"body declared {mediaType} is not JSON: {e.Message}");
            }
        }

        if (body.Contains("   at ", StringComparison.Ordinal) && body.Contains("Exception", StringComparison.Ordinal))
        {
            failures.Add("a stack trace reached the client");
        }

        return failures;
    }

    private static void CheckHeaders(FuzzRequest request, HttpResponseMessage response, int status, List<string> failures)
    {
        bool Has(string name) => response.Headers.TryGetValues(name, out _) || response.Content.Headers.TryGetValues(name, out _);
        if (request.Operation.IsRead && status == 200 && !Has("ETag") && response.Content.Headers.ContentType?.MediaType != "text/event-stream")
        {
            failures.Add("response_headers_conformance: a 200 GET without ETag");
        }

        if (status == 201 && !(Has("Location") && Has("ETag")))
        {
            failures.Add("response_headers_conformance: 201 without Location and ETag");
        }

        if (status == 405 && !Has("Allow"))
        {
            failures.Add("response_headers_conformance: 405 without Allow");
        }

        if (status is 429 or 503 && !Has("Retry-After"))
        {
            failures.Add($"response_headers_conformance: {status} without Retry-After");
        }

        if (status == (int)HttpStatusCode.Unauthorized && !Has("WWW-Authenticate"))
        {
            failures.Add("response_headers_conformance: 401 without WWW-Authenticate");
        }
    }

    private static bool SameMediaType(string documented, string? actual) =>
        actual is not null && string.Equals(documented.Split(';')[0].Trim(), actual, StringComparison.OrdinalIgnoreCase);
}
