using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// Routing answers a body of the wrong type with its own 415 before any endpoint runs, so the answer names no accepted
/// type. This finds, for the request's path and method, the types the endpoints there declare they accept.
/// </summary>
internal static class AcceptedMediaTypes
{
    public static IReadOnlyList<string> For(HttpContext context)
    {
        var sources = context.RequestServices.GetService<EndpointDataSource>();
        if (sources is null)
        {
            return [];
        }

        var (path, method) = (context.Request.Path, context.Request.Method);
        return [.. sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method, StringComparer.OrdinalIgnoreCase) == true)
            .Where(e => e.RoutePattern.RawText is { } raw
                && new TemplateMatcher(TemplateParser.Parse(raw), []).TryMatch(path, []))
            .SelectMany(e => e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }
}
