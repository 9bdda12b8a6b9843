using System.Collections.Concurrent;
using PostTraining.Api.Http;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// Serves the OpenAPI document (both its addresses) the way every read is served: a strong ETag with 304 on
/// If-None-Match, Brotli or gzip when the client takes it, <c>Cache-Control: public, no-cache</c>. Swashbuckle still
/// writes the document; its first answer per address is kept as bytes, since the document describes the endpoints
/// and XML docs of this process and cannot change while it runs. Without this the 240 KB document was generated and
/// sent uncompressed on every request.
/// </summary>
internal sealed class OpenApiDocumentCache(RequestDelegate next)
{
    public static readonly string[] Paths = ["/swagger/v1/swagger.json", "/openapi/v1.json"];

    private readonly ConcurrentDictionary<string, CachedBody> _documents = new(StringComparer.Ordinal);

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !Paths.Contains(path, StringComparer.Ordinal))
        {
            await next(context);
            return;
        }

        if (!_documents.TryGetValue(path, out var document))
        {
            var written = await SwashbuckleAnswerAsync(context);
            if (written is null)
            {
                return;
            }

            document = _documents.GetOrAdd(path, written);
        }

        await new BodyResult<object>(document).ExecuteAsync(context);
    }

    /// <summary>Lets Swashbuckle answer into a buffer; null (with its answer passed on) when that was not a 200.</summary>
    private async Task<CachedBody?> SwashbuckleAnswerAsync(HttpContext context)
    {
        var response = context.Response;
        var original = response.Body;
        var method = context.Request.Method;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        // A HEAD would leave the buffer empty; the bytes are wanted whichever method came first.
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
            context.Request.Method = method;
        }

        if (response.StatusCode != StatusCodes.Status200OK)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
            return null;
        }

        return new CachedBody(buffer.ToArray(), response.ContentType ?? MediaFormat.Json.MediaType);
    }
}
