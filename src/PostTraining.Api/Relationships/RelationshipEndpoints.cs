using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Relationships;

public static class RelationshipEndpoints
{
    public static IEndpointRouteBuilder MapRelationships(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/relationships", "Relationships");

        group.MapRead("/", ListRelationships, "listRelationships", "List relationships",
                "Typed, directed edges between any two entities, by id. Filter by relation type and by either end, " +
                "named `kind:slug` (`technique:dpo`); a bare slug means a technique.")
            .ProducesValidationProblem();

        group.MapRead("/{id:long}", GetRelationship, "getRelationship", "Get a relationship",
                "One relationship with its type's name in both directions, its ends, note and provenance.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect);

        // A relationship is found by its number; anything else in its place gets a 404 saying so, not routing's bare one.
        app.MapMethods("/api/v1/relationships/{id}", [HttpMethods.Get, HttpMethods.Head], (string id) =>
                TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                    detail: $"There is no relationship '{id}': relationships are found by their numeric id, e.g. /api/v1/relationships/1."))
            .WithOrder(1).AllowAnonymous().ExcludeFromDescription();

        var types = app.MapReadGroup("/relation-types", "Relation types");

        types.MapRead("/", ListRelationTypes, "listRelationTypes", "List relation types",
            "The registry of relationship types and their semantics: name and inverse name in both languages, and " +
            "whether the type is symmetric, transitive, acyclic, or a prerequisite (walked by reading-order).");

        types.MapRead("/{slug}", GetRelationType, "getRelationType", "Get a relation type",
                "One relation type and its semantics.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect);

        app.MapRelationshipWrites();
        return app;
    }

    /// <summary>Lists relationships.</summary>
    public static Results<BodyResult<ListPage<RelationshipItem>>, ValidationProblem> ListRelationships(
        [Description("Only relationships of this type (slug), e.g. variant-of.")] string? type,
        [Description("Only relationships from this entity: kind:slug, e.g. technique:dpo.")] string? source,
        [Description("Only relationships to this entity: kind:slug, e.g. technique:rlhf.")] string? target,
        [Description("Opaque cursor: pass the previous page's next link unchanged.")] string? cursor,
        [Description("Page size, 1 to 200.")][Range(1, 200)][DefaultValue(50)] int? limit,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        if (!ReadApi.TryLimit(limit, out var pageSize, out var limitProblem))
        {
            return limitProblem!;
        }

        if (!Cursor.TryDecode(cursor, "id", out var after))
        {
            return Problems.Invalid("cursor", Cursor.Describe);
        }

        RelationTypeRow? relationType = null;
        if (type is not null && !snapshot.TryGetRelationType(type, out relationType))
        {
            return Problems.Invalid("type", $"There is no relation type '{type}'. See /api/v1/relation-types.");
        }

        SnapshotNode? from = null, to = null;
        if (source is not null && !NodeReference.TryResolve(snapshot, source, NodeKind.Technique, out from, out var sourceError))
        {
            return Problems.Invalid("source", sourceError);
        }

        if (target is not null && !NodeReference.TryResolve(snapshot, target, NodeKind.Technique, out to, out var targetError))
        {
            return Problems.Invalid("target", targetError);
        }

        bool Keep(SnapshotEdge e) =>
            (relationType is null || e.Type.Id == relationType.Id) && (from is null || e.Source == from) && (to is null || e.Target == to);

        var sorted = snapshot.Memo("relationships:order:id", s => s.Relationships
            .Select(e => (Key: e.Id.ToString("D19", CultureInfo.InvariantCulture), Item: e, Slug: ""))
            .ToArray());
        return ReadApi.Page(snapshot, request, () =>
            {
                var (items, next) = Paging.Page(sorted, false, Keep, "id", after, pageSize);
                return (items.Select(e => e.ToItem(snapshot)).ToArray(), next);
            },
            RelationshipJson.Context.RelationshipItem, RelationshipJson.Context.ListPageRelationshipItem);
    }

    /// <summary>Gets one relationship.</summary>
    public static Results<BodyResult<RelationshipItem>, ProblemHttpResult> GetRelationship(
        [Description("Relationship id.")] long id, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetRelationship(id, out var edge)
            ? new BodyResult<RelationshipItem>(edge.DetailBody(snapshot))
            : Problems.NotFound("relationship", id.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Lists relation types.</summary>
    public static BodyResult<ListPage<RelationTypeItem>> ListRelationTypes(SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return new BodyResult<ListPage<RelationTypeItem>>(snapshot.Memo("relation-types:list", s =>
            ApiJson.Body(new ListPage<RelationTypeItem>(s.RelationTypes.Select(t => t.ToItem(s)).ToArray(), null), RelationshipJson.Context.ListPageRelationTypeItem)));
    }

    /// <summary>Gets one relation type.</summary>
    public static Results<BodyResult<RelationTypeItem>, ProblemHttpResult> GetRelationType(
        [Description("Relation type slug, e.g. variant-of.")] string slug, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetRelationType(slug, out var type)
            ? new BodyResult<RelationTypeItem>(type.DetailBody(snapshot))
            : Problems.NotFound("relation type", slug);
    }
}
