using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PostTraining.Api.Http;

/// <summary>A request body read as a JSON object, or the problem that stopped it being read.</summary>
public sealed record BodyRead(JsonObject? Value, ProblemHttpResult? Problem);

/// <summary>
/// Reads write bodies with the checks every write shares, in the order a client can act on them: 415 for a media type
/// the operation does not take, 413 for more than <see cref="MaxBytes"/> (checked on the declared length and again
/// while reading, so a chunked body cannot slip past), 400 for malformed JSON or a body that is not an object.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;
    public const string Json = "application/json";
    public const string MergePatch = "application/merge-patch+json";

    public static async Task<BodyRead> ReadObjectAsync(HttpRequest request, string mediaType)
    {
        var (bytes, refusal) = await RequestBody.ReadAsync(request, mediaType, MaxBytes);
        if (refusal == BodyRefusal.MediaType)
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"This operation takes '{mediaType}' in UTF-8; the request sent '{request.ContentType ?? "no Content-Type"}'.");
        }

        if (refusal == BodyRefusal.TooLarge)
        {
            return TooLarge();
        }

        if (bytes.Length == 0)
        {
            return Fail(StatusCodes.Status400BadRequest, "Bad request", "The request body is empty; it must be a JSON object.");
        }

        JsonNode? node;
        try
        {
            // Duplicate members are refused while parsing: otherwise JsonObject throws later, on first access, as a 500.
            node = JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { MaxDepth = 32, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, byte {e.BytePositionInLine + 1})" : "";
            return Fail(StatusCodes.Status400BadRequest, "Bad request", $"The request body is not well-formed JSON{where}.");
        }

        return node is JsonObject obj
            ? new BodyRead(obj, null)
            : Fail(StatusCodes.Status400BadRequest, "Bad request", "The request body must be a JSON object.");
    }

    private static BodyRead TooLarge() =>
        Fail(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Write bodies are limited to {MaxBytes / 1024} KB.");

    private static BodyRead Fail(int status, string title, string detail) =>
        new(null, TypedResults.Problem(detail, statusCode: status, title: title));
}
