using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>Conventions every read endpoint shares: GET and HEAD, the snapshot guard, unknown-parameter checks, error docs.</summary>
public static class ReadApi
{
    public const string Prefix = "/api/v1";
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// A group under /api/v1 whose endpoints answer 503 until the first snapshot exists, 400 on unknown parameters, and
    /// honour consistency tokens (<see cref="ConsistencyFilter"/>).
    /// </summary>
    public static RouteGroupBuilder MapReadGroup(this IEndpointRouteBuilder app, string prefix, string tag) =>
        app.MapGroup(Prefix + prefix)
            .WithTags(tag)
            .AddEndpointFilterFactory(QueryParameterGuard.Factory)
            .AddEndpointFilter(RequireSnapshotAsync)
            .AddEndpointFilter(ConsistencyFilter.InvokeAsync)
            .WithMetadata(ConsistencyFilter.Applies);

    /// <summary>GET (and HEAD, which the OpenAPI document leaves implicit) with the metadata every read documents.</summary>
    public static RouteHandlerBuilder MapRead(this RouteGroupBuilder group, string pattern, Delegate handler, string name, string summary, string description) =>
        group.MapMethods(pattern, GetAndHead, handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription(description)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async ValueTask<object?> RequireSnapshotAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (context.HttpContext.RequestServices.GetRequiredService<SnapshotHolder>().Current is null)
        {
            return Problems.Unavailable(context.HttpContext.Response, "The taxonomy is still being loaded; try again in a few seconds.", 5);
        }

        return await next(context);
    }

    /// <summary>
    /// Serves a list page; <c>next</c> (in the body and in a <c>Link</c> header) is the absolute URL of the following
    /// page. The page is made once per snapshot and request URL (its origin included: it is part of <c>next</c>) and
    /// kept in the snapshot's bounded answer cache, so a polled page costs a lookup.
    /// </summary>
    public static BodyResult<ListPage<T>> Page<T>(
        TaxonomySnapshot snapshot,
        HttpRequest request,
        Func<(IReadOnlyList<T> Items, Cursor? Next)> page,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> itemInfo,
        System.Text.Json.Serialization.Metadata.JsonTypeInfo<ListPage<T>> pageInfo,
        HashSet<string>? fields = null,
        bool variesByAccept = false)
    {
        var key = $"page\n{AbsoluteUrl.Origin(request)}{request.Path}{request.QueryString}";
        var paged = snapshot.Answer(key, () =>
        {
            var (items, next) = page();
            var nextUrl = next is null ? null : Paging.NextUrl(request, next);
            return new PagedBody(new CachedBody(FieldSelection.SerializePage(items, nextUrl, itemInfo, pageInfo, fields), MediaFormat.Json.MediaType), nextUrl);
        });
        return new BodyResult<ListPage<T>>(paged.Body, variesByAccept, paged.Next is null ? null : NextLink.Header(paged.Next));
    }

    /// <summary>Checks <c>limit</c> (1 to 200, default 50).</summary>
    public static bool TryLimit(int? limit, out int value, out ValidationProblem? problem)
    {
        var errors = new ValidationErrors();
        value = Paging.ReadLimit(errors, limit);
        problem = errors.HasErrors ? Problems.Invalid(errors) : null;
        return problem is null;
    }
}
