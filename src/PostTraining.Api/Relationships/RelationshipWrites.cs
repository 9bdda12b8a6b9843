using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Relationships;

/// <summary>
/// Relationship writes. Checks that need the stored graph run inside the write lock: a duplicate (for a symmetric
/// type, the reverse edge is the same edge) and an edge that would close a cycle in an acyclic type are 409s. A
/// self-loop is already wrong in the body, so it is a 400 on <c>target</c>.
/// </summary>
public static class RelationshipWrites
{
    /// <summary>POST, PUT, PATCH and DELETE on relationships.</summary>
    public static IEndpointRouteBuilder MapRelationshipWrites(this IEndpointRouteBuilder app)
    {
        var relationships = app.MapGroup("/api/v1/relationships").WithTags("Relationships").AddEndpointFilterFactory(QueryParameterGuard.Factory);
        WriteRoutes.Describe(relationships.MapPost("/", (HttpContext c, WriteSession s) => RelationshipWrites.CreateAsync(c, s)), "CreateRelationship", "Create a relationship", 201, typeof(RelationshipItem))
            .Accepts<RelationshipContent>(JsonBody.Json);
        WriteRoutes.Describe(relationships.MapPut("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.UpdateAsync(id, c, s, patch: false)),
                "ReplaceRelationship", "Replace a relationship", 200, typeof(RelationshipItem))
            .Accepts<RelationshipContent>(JsonBody.Json);
        WriteRoutes.Describe(relationships.MapPatch("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.UpdateAsync(id, c, s, patch: true)),
                "PatchRelationship", "Change a relationship with a JSON merge patch", 200, typeof(RelationshipItem))
            .Accepts<RelationshipContent>(JsonBody.MergePatch);
        WriteRoutes.Describe(relationships.MapDelete("/{id:long}", ([Description("Relationship id.")] long id, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) => RelationshipWrites.DeleteAsync(id, c, s)),
            "DeleteRelationship", "Delete a relationship", 204);

        return app;
    }

    public static async Task<IResult> CreateAsync(HttpContext context, WriteSession session)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var (input, invalid) = Bind(body.Value!);
        if (invalid is not null)
        {
            return invalid;
        }

        long id = 0;
        return await session.ExecuteAsync(context, async scope =>
        {
            var edge = new Relationship { CreatedAt = scope.Now, UpdatedAt = scope.Now, Source = new Provenance { Kind = SourceKind.Api } };
            if (await ApplyAsync(scope, edge, input!) is { } refusal)
            {
                return refusal;
            }

            scope.Db.Relationships.Add(edge);
            await scope.Db.SaveChangesAsync(context.RequestAborted);
            id = edge.Id;
            scope.Record(ChangeOperations.Create, ChangeKinds.Relationship, Key(id), null, await EntityStates.RelationshipAsync(scope.Db, edge));
            return null;
        }, () => session.Answer(context, ChangeKinds.Relationship, Key(id), StatusCodes.Status201Created, $"/api/v1/relationships/{id}"));
    }

    public static async Task<IResult> UpdateAsync(long id, HttpContext context, WriteSession session, bool patch)
    {
        var target = session.Directory.Find(ChangeKinds.Relationship, Key(id));
        if (target is null)
        {
            return await session.MissingAsync(context, ChangeKinds.Relationship, Key(id));
        }

        if (Preconditions.CheckIfMatch(context.Request, target.ETag) is { } precondition)
        {
            return precondition;
        }

        var body = await JsonBody.ReadObjectAsync(context.Request, patch ? JsonBody.MergePatch : JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var edge = await scope.Db.Relationships.FirstOrDefaultAsync(r => r.Id == id, context.RequestAborted);
            if (edge is null)
            {
                return Preconditions.Stale();
            }

            scope.Db.Entry(edge).Property(e => e.Version).OriginalValue = target.Version;
            var before = await EntityStates.RelationshipAsync(scope.Db, edge);
            var document = patch
                ? (JsonObject)MergePatch.Apply(JsonSerializer.SerializeToNode(before, StrictJson.Options), body.Value)!
                : body.Value!;
            var (input, invalid) = Bind(document);
            if (invalid is not null)
            {
                return invalid;
            }

            if (await ApplyAsync(scope, edge, input!) is { } refusal)
            {
                return refusal;
            }

            var after = await EntityStates.RelationshipAsync(scope.Db, edge);
            if (JsonSerializer.Serialize(before, StrictJson.Options) != JsonSerializer.Serialize(after, StrictJson.Options))
            {
                edge.UpdatedAt = scope.Now;
                scope.Record(ChangeOperations.Update, ChangeKinds.Relationship, Key(id), before, after);
            }

            return null;
        }, () => session.Answer(context, ChangeKinds.Relationship, Key(id), StatusCodes.Status200OK));
    }

    public static async Task<IResult> DeleteAsync(long id, HttpContext context, WriteSession session)
    {
        var target = session.Directory.Find(ChangeKinds.Relationship, Key(id));
        if (target is null)
        {
            return await session.MissingAsync(context, ChangeKinds.Relationship, Key(id));
        }

        if (Preconditions.CheckIfMatch(context.Request, target.ETag) is { } precondition)
        {
            return precondition;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var edge = await scope.Db.Relationships.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, context.RequestAborted);
            if (edge is null || edge.Version != target.Version)
            {
                return Preconditions.Stale();
            }

            var before = await EntityStates.RelationshipAsync(scope.Db, edge);
            if (await scope.Db.Relationships.Where(r => r.Id == id && r.Version == target.Version).ExecuteDeleteAsync(context.RequestAborted) == 0)
            {
                return Preconditions.Stale();
            }

            scope.Record(ChangeOperations.Delete, ChangeKinds.Relationship, Key(id), before, null);
            return null;
        }, () => TypedResults.NoContent());
    }

    private static async Task<IResult?> ApplyAsync(WriteScope scope, Relationship edge, RelationshipContent input)
    {
        var db = scope.Db;
        var errors = new ValidationErrors();
        var type = await db.RelationTypes.AsNoTracking().FirstOrDefaultAsync(t => t.Slug == input.Type);
        if (type is null)
        {
            errors.Add("type", $"There is no relation type '{input.Type}' (see /api/v1/relation-types).");
        }

        var sourceId = await EndIdAsync(scope, errors, "source", input.Source!);
        var targetId = await EndIdAsync(scope, errors, "target", input.Target!);
        long? referenceId = null;
        if (input.Reference is not null)
        {
            referenceId = await db.References.AsNoTracking().Where(r => r.Slug == input.Reference).Select(r => (long?)r.Id).FirstOrDefaultAsync();
            if (referenceId is null)
            {
                errors.Add("reference", $"There is no reference '{input.Reference}'.");
            }
        }

        if (errors.HasErrors || type is null)
        {
            return Problems.Invalid(errors);
        }

        var others = db.Relationships.AsNoTracking().Where(r => r.Id != edge.Id && r.TypeId == type.Id);
        if (await others.AnyAsync(r => r.SourceId == sourceId && r.TargetId == targetId)
            || (type.Symmetric && await others.AnyAsync(r => r.SourceId == targetId && r.TargetId == sourceId)))
        {
            return Problems.Conflict($"This '{type.Slug}' relationship between {input.Source} and {input.Target} exists already.");
        }

        if (type.Acyclic)
        {
            var edges = await others.Select(r => new { r.SourceId, r.TargetId }).ToListAsync();
            if (Reaches(edges.ToLookup(e => e.SourceId, e => e.TargetId), from: targetId, to: sourceId))
            {
                return Problems.Conflict(
                    $"'{type.Slug}' is acyclic, and {input.Target} already leads back to {input.Source} through '{type.Slug}' edges: this edge would close a cycle.");
            }
        }

        edge.TypeId = type.Id;
        edge.SourceId = sourceId;
        edge.TargetId = targetId;
        edge.Source.ReferenceId = referenceId;
        (edge.NoteEn, edge.NoteZh) = (input.Note?.En, input.Note?.Zh);
        edge.Verified = input.Verified ?? true;
        return null;
    }

    private static async Task<long> EndIdAsync(WriteScope scope, ValidationErrors errors, string member, string end)
    {
        var (kind, slug) = InputValidation.End(new ValidationErrors(), member, end)!.Value;
        var id = await scope.Db.Nodes.AsNoTracking().Where(n => n.Kind == kind && n.Slug == slug).Select(n => (long?)n.Id).FirstOrDefaultAsync();
        if (id is null)
        {
            errors.Add(member, $"There is no {end.Replace(":", " '", StringComparison.Ordinal)}'.");
        }

        return id ?? 0;
    }

    private static bool Reaches(ILookup<long, long> next, long from, long to)
    {
        var seen = new HashSet<long> { from };
        var queue = new Queue<long>([from]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == to)
            {
                return true;
            }

            foreach (var n in next[node])
            {
                if (seen.Add(n))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return false;
    }

    private static (RelationshipContent? Input, IResult? Invalid) Bind(JsonObject body)
    {
        var errors = new ValidationErrors();
        var input = StrictJson.Bind<RelationshipContent>(body, errors);
        if (input is not null)
        {
            InputValidation.Validate(input, errors);
        }

        return errors.HasErrors ? (null, Problems.Invalid(errors)) : (input, null);
    }

    private static string Key(long id) => id.ToString(CultureInfo.InvariantCulture);
}
