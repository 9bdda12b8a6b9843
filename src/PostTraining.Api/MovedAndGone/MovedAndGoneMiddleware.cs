using Microsoft.AspNetCore.Routing.Patterns;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.MovedAndGone;

/// <summary>
/// For a GET of <c>/api/v1/{collection}/{slug}...</c> whose entity the snapshot does not hold: 308 to the same URL
/// with the current slug when the slug was renamed, 410 when the entity was deleted; anything else goes on to the
/// endpoint (which answers 404). Histories are left alone: they outlive their entity on purpose. Entities the
/// snapshot holds pass straight through after one dictionary lookup.
/// </summary>
public sealed class MovedAndGoneMiddleware(RequestDelegate next, SnapshotHolder snapshots, Tombstones tombstones)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if ((HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
            && context.GetEndpoint() is RouteEndpoint endpoint
            && snapshots.Current is { } snapshot
            && Target(endpoint.RoutePattern, context.Request.RouteValues) is { } target
            && !snapshot.TryGetEntity(target.Kind, target.Key, out _)
            && await tombstones.ForAsync(snapshot) is { } known)
        {
            if (NodeKinds.TryParse(target.Kind, out var nodeKind)
                && known.Renamed.TryGetValue((nodeKind, target.Key), out var nodeId)
                && snapshot.TryGetNodeById(nodeId, out var node))
            {
                // Path holds decoded segments, as the route value does.
                var segments = (context.Request.Path.Value ?? "").Split('/');
                var index = Array.IndexOf(segments, target.Key);
                if (index >= 0)
                {
                    segments[index] = node.Slug;
                    await TypedResults.Redirect(AbsoluteUrl.For(context.Request, string.Join('/', segments) + context.Request.QueryString), permanent: true, preserveMethod: true)
                        .ExecuteAsync(context);
                    return;
                }
            }

            if (known.Deleted.Contains((target.Kind, target.Key)))
            {
                await Problems.Gone($"The {target.Kind} '{target.Key}' was deleted; its history stays in the change feed.").ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    /// <summary>The entity a pattern such as <c>/api/v1/techniques/{slug}/neighbors</c> is about, if any.</summary>
    private static (string Kind, string Key)? Target(RoutePattern pattern, RouteValueDictionary values)
    {
        var segments = pattern.PathSegments;
        if (segments.Count < 4 || Literal(segments[0]) != "api" || Literal(segments[1]) != "v1"
            || Literal(segments[^1]) == "history"
            || segments[3].Parts is not [RoutePatternParameterPart parameter]
            || values[parameter.Name] is not string key)
        {
            return null;
        }

        var kind = Literal(segments[2]) switch
        {
            "relationships" => ChangeKinds.Relationship,
            "relation-types" => "relation-type",
            "comparisons" => ChangeKinds.Comparison,
            { } collection when collection.EndsWith('s') && NodeKinds.TryParse(collection[..^1], out _) => collection[..^1],
            _ => null,
        };
        return kind is null ? null : (kind, key);
    }

    private static string? Literal(RoutePatternPathSegment segment) =>
        segment.Parts is [RoutePatternLiteralPart literal] ? literal.Content : null;
}
