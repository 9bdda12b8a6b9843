using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using PostTraining.Api.Observability;

namespace PostTraining.Api.Http;

/// <summary>
/// Writes a <see cref="CachedBody"/> the way every read answers: strong ETag, 304 on a matching If-None-Match,
/// Cache-Control, Vary, Brotli or gzip when the client takes it and the body is large, no body for HEAD.
/// <typeparamref name="T"/> is the type the bytes hold, declared for the OpenAPI document.
/// </summary>
public sealed class BodyResult<T>(CachedBody body, bool variesByAccept = false, string? link = null)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>Clients and shared caches may store reads but must revalidate (cheap: a 304), so writes show at once.</summary>
    public const string CacheControl = "public, no-cache";

    public CachedBody Body => body;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var encoding = body.Compressible ? ChooseEncoding(request.Headers.AcceptEncoding) : null;
        var etag = ETags.ForEncoding(body.ETag, encoding);

        response.Headers.ETag = etag;
        response.Headers.CacheControl = CacheControl;
        var vary = new List<string>(2);
        if (variesByAccept)
        {
            vary.Add("Accept");
        }

        if (body.Compressible)
        {
            vary.Add("Accept-Encoding");
        }

        if (vary.Count > 0)
        {
            response.Headers.Vary = string.Join(", ", vary);
        }

        if (link is not null)
        {
            response.Headers.Link = link;
        }

        if (ETags.NoneMatchHits(request.Headers.IfNoneMatch, body.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            Telemetry.CacheHits.Add(1, new KeyValuePair<string, object?>("outcome", "not_modified"));
            return Task.CompletedTask;
        }

        if (body.Cached)
        {
            Telemetry.CacheHits.Add(1, new KeyValuePair<string, object?>("outcome", "body"));
        }

        var bytes = encoding is null ? body.Bytes : body.Encoded(encoding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = body.ContentType;
        response.ContentLength = bytes.Length;
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void), []));
    }

    /// <summary>Brotli before gzip; a coding refused with q=0 is never chosen.</summary>
    private static string? ChooseEncoding(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        if (acceptEncoding.Count == 0 || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return null;
        }

        double Quality(string name) => codings
            .Where(c => c.Value.Equals(name, StringComparison.OrdinalIgnoreCase) || c.Value == "*")
            .Select(c => c.Quality ?? 1)
            .DefaultIfEmpty(0)
            .Max();

        var br = Quality("br");
        var gzip = Quality("gzip");
        if (br > 0 && br >= gzip)
        {
            return "br";
        }

        return gzip > 0 ? "gzip" : null;
    }
}
