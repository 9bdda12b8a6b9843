using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace PostTraining.Api.Http;

/// <summary>
/// For GETs answered from the database rather than the snapshot (change feed, histories, keys): serializes the 200
/// body once, gives it a strong ETag and answers 304 to a matching If-None-Match, as every other read does.
/// </summary>
internal sealed class ETaggedJsonFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var http = context.HttpContext;
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        if (!(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            || inner is not IValueHttpResult { Value: { } value } || inner is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            return result;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), options);
        var etag = ETags.Of(bytes);
        http.Response.Headers.ETag = etag;
        http.Response.Headers.CacheControl = "no-cache";
        return ETags.NoneMatchHits(http.Request.Headers.IfNoneMatch, etag)
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(bytes, "application/json; charset=utf-8");
    }
}
