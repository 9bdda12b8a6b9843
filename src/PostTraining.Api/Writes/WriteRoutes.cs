using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using PostTraining.Api.Http;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>
/// The write endpoints. Keys are enforced for all of them by the key middleware (they are non-GET), so nothing here
/// asks for one. Statuses: 201 + Location + ETag on create; 200 + ETag (the new detail) on PUT/PATCH; 204 on DELETE;
/// 428 without If-Match, 412 when it is stale; 409 for a taken slug, dependents without ?cascade=true, or a cycle;
/// 400 with errors per member, including a self-loop (it is wrong whatever the stored graph holds).
/// </summary>
public static class WriteRoutes
{
    public const string IfMatchText = "The ETag of the entity as last read (GET); required, and compared strongly.";
    public const string SlugText = "Slug of the entity (a renamed one answers 308 to the current slug).";

    /// <summary>POST, PUT, PATCH and DELETE on <c>/api/v1/{collection}</c> for one kind of node.</summary>
    /// <remarks><typeparamref name="TDetail"/> is the representation GET serves, which POST, PUT and PATCH answer with.</remarks>
    public static void MapNodeWrites<TEntity, TInput, TDetail>(this IEndpointRouteBuilder app, INodeWriter<TEntity, TInput> writer, string tag, string name)
        where TEntity : Node, new()
        where TInput : class
    {
        var group = app.MapGroup($"/api/v1/{writer.Collection}").WithTags(tag).AddEndpointFilterFactory(QueryParameterGuard.Factory);
        Describe(group.MapPost("/", (HttpContext c, WriteSession s) => NodeWrites.CreateAsync(c, s, writer)), $"Create{name}", $"Create a {writer.ChangeKind}", 201, typeof(TDetail))
            .Accepts<TInput>(JsonBody.Json);
        Describe(group.MapPut("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => NodeWrites.UpdateAsync(c, s, writer, slug, patch: false)),
                $"Replace{name}", $"Replace a {writer.ChangeKind}", 200, typeof(TDetail))
            .Accepts<TInput>(JsonBody.Json);
        Describe(group.MapPatch("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => NodeWrites.UpdateAsync(c, s, writer, slug, patch: true)),
                $"Patch{name}", $"Change a {writer.ChangeKind} with a JSON merge patch", 200, typeof(TDetail))
            .Accepts<TInput>(JsonBody.MergePatch);
        Describe(group.MapDelete("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch,
                    [Description("Also delete what depends on it (sub-techniques, formulas, links, relationships); without it such a delete is a 409.")] bool? cascade,
                    HttpContext c, WriteSession s) => NodeWrites.DeleteAsync(c, s, writer, slug, cascade ?? false)),
            $"Delete{name}", $"Delete a {writer.ChangeKind}", 204);
    }

    /// <summary>Names a write endpoint and lists the statuses every write can answer; <paramref name="body"/> is what a 200 or 201 carries.</summary>
    public static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, string name, string summary, int success, Type? body = null)
    {
        endpoint.WithName(name).WithSummary(summary).Produces(success, body, body is null ? null : "application/json");
        if (success != StatusCodes.Status201Created)
        {
            endpoint.ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status410Gone)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        }

        return endpoint
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }
}
