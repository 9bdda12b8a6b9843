using PostTraining.Api.Http;
using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using PostTraining.Api.Writes.Resources;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>
/// The write endpoints. Keys are enforced for all of them by the key middleware (they are non-GET), so nothing here
/// asks for one. Statuses: 201 + Location + ETag on create; 200 + ETag (the new detail) on PUT/PATCH; 204 on DELETE;
/// 428 without If-Match, 412 when it is stale; 409 for a taken slug, dependents without ?cascade=true, or a cycle;
/// 400 with errors per member, including a self-loop (it is wrong whatever the stored graph holds).
/// </summary>
public static class WriteEndpoints
{
    private const string IfMatchText = "The ETag of the entity as last read (GET); required, and compared strongly.";
    private const string SlugText = "Slug of the entity (a renamed one answers 308 to the current slug).";

    public static IEndpointRouteBuilder MapWrites(this IEndpointRouteBuilder app)
    {
        MapNode(app, new ParadigmWriter(), "Paradigms", "Paradigm");
        MapNode(app, new TechniqueWriter(), "Techniques", "Technique");
        MapNode(app, new ReferenceWriter(), "References", "Reference");

        var relationships = app.MapGroup("/api/v1/relationships").WithTags("Relationships").AddEndpointFilterFactory(QueryParameterGuard.Factory);
        Describe(relationships.MapPost("/", (HttpContext c, WriteSession s) => RelationshipWrites.CreateAsync(c, s)), "CreateRelationship", "Create a relationship", 201)
            .Accepts<RelationshipInput>(JsonBody.Json);
        Describe(relationships.MapPut("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.UpdateAsync(id, c, s, patch: false)),
                "ReplaceRelationship", "Replace a relationship", 200)
            .Accepts<RelationshipInput>(JsonBody.Json);
        Describe(relationships.MapPatch("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.UpdateAsync(id, c, s, patch: true)),
                "PatchRelationship", "Change a relationship with a JSON merge patch", 200)
            .Accepts<RelationshipInput>(JsonBody.MergePatch);
        Describe(relationships.MapDelete("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.DeleteAsync(id, c, s)),
            "DeleteRelationship", "Delete a relationship", 204);

        var links = app.MapGroup("/api/v1/techniques/{slug}/references").WithTags("Techniques").AddEndpointFilterFactory(QueryParameterGuard.Factory);
        Describe(links.MapPost("/", ([Description(SlugText)] string slug, HttpContext c, WriteSession s) => TechniqueReferenceWrites.CreateAsync(slug, c, s)),
                "LinkTechniqueReference", "Cite a reference for a technique", 201)
            .Accepts<TechniqueReferenceInput>(JsonBody.Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        links.MapGet("/{referenceSlug}", ([Description(SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, HttpContext c, WriteSession s) => TechniqueReferenceWrites.GetAsync(slug, referenceSlug, c, s))
            .WithName("GetTechniqueReference")
            .WithSummary("One technique-reference link")
            .WithDescription("What the reference is to the technique, with the ETag that PUT and DELETE on the link take in If-Match.")
            .Produces<TechniqueReferenceLink>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        Describe(links.MapPut("/{referenceSlug}", ([Description(SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    TechniqueReferenceWrites.UpdateAsync(slug, referenceSlug, c, s)),
                "UpdateTechniqueReference", "Change the role of a cited reference", 200)
            .Accepts<TechniqueReferenceRoleInput>(JsonBody.Json);
        Describe(links.MapDelete("/{referenceSlug}", ([Description(SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                TechniqueReferenceWrites.DeleteAsync(slug, referenceSlug, c, s)),
            "UnlinkTechniqueReference", "Stop citing a reference for a technique", 204);
        return app;
    }

    private static void MapNode<TEntity, TInput>(IEndpointRouteBuilder app, INodeWriter<TEntity, TInput> writer, string tag, string name)
        where TEntity : Node, new()
        where TInput : class
    {
        var group = app.MapGroup($"/api/v1/{writer.Collection}").WithTags(tag).AddEndpointFilterFactory(QueryParameterGuard.Factory);
        Describe(group.MapPost("/", (HttpContext c, WriteSession s) => NodeWrites.CreateAsync(c, s, writer)), $"Create{name}", $"Create a {writer.ChangeKind}", 201)
            .Accepts<TInput>(JsonBody.Json);
        Describe(group.MapPut("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => NodeWrites.UpdateAsync(c, s, writer, slug, patch: false)),
                $"Replace{name}", $"Replace a {writer.ChangeKind}", 200)
            .Accepts<TInput>(JsonBody.Json);
        Describe(group.MapPatch("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => NodeWrites.UpdateAsync(c, s, writer, slug, patch: true)),
                $"Patch{name}", $"Change a {writer.ChangeKind} with a JSON merge patch", 200)
            .Accepts<TInput>(JsonBody.MergePatch);
        Describe(group.MapDelete("/{slug}", ([Description(SlugText)] string slug, [FromHeader(Name = "If-Match")][Description(IfMatchText)] string? ifMatch,
                    [Description("Also delete what depends on it (sub-techniques, formulas, links, relationships); without it such a delete is a 409.")] bool? cascade,
                    HttpContext c, WriteSession s) => NodeWrites.DeleteAsync(c, s, writer, slug, cascade ?? false)),
            $"Delete{name}", $"Delete a {writer.ChangeKind}", 204);
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint, string name, string summary, int success)
    {
        endpoint.WithName(name).WithSummary(summary).Produces(success);
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
