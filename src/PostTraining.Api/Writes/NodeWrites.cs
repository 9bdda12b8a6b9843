using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>How one kind of node is written: its writable representation, its checks, and how a body lands on a row.</summary>
public interface INodeWriter<TEntity, TInput>
    where TEntity : Node
    where TInput : class
{
    NodeKind Kind { get; }

    /// <summary>The change-feed kind and the collection path segment.</summary>
    string ChangeKind { get; }

    string Collection { get; }

    /// <summary>The row as its writable representation (the feed's before/after, the base a merge patch applies to).</summary>
    Task<TInput> ToInputAsync(WriteScope scope, TEntity entity);

    /// <summary>Field checks; may fill derived members (a reference's slug) and so returns the input to store.</summary>
    TInput Validate(TInput input, ValidationErrors errors);

    /// <summary>Copies the input onto the row, resolving slugs; a non-null result refuses the write.</summary>
    Task<IResult?> ApplyAsync(WriteScope scope, TEntity entity, TInput input, bool isNew);

    /// <summary>Refuses the delete while others depend on the node, or removes them too when cascading.</summary>
    Task<IResult?> RemoveDependentsAsync(WriteScope scope, TEntity entity, bool cascade);
}

/// <summary>Create, replace, merge-patch and delete, the same for every kind of node.</summary>
public static class NodeWrites
{
    public static async Task<IResult> CreateAsync<TEntity, TInput>(HttpContext context, WriteSession session, INodeWriter<TEntity, TInput> writer)
        where TEntity : Node, new()
        where TInput : class
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var (input, invalid) = Bind(body.Value!, writer);
        if (invalid is not null)
        {
            return invalid;
        }

        var slug = "";
        return await session.ExecuteAsync(context, async scope =>
        {
            var entity = new TEntity { CreatedAt = scope.Now, UpdatedAt = scope.Now, Source = new Provenance { Kind = SourceKind.Api } };
            if (await writer.ApplyAsync(scope, entity, input!, isNew: true) is { } refusal)
            {
                return refusal;
            }

            slug = entity.Slug;
            // A new entity takes its slug over from any renamed one that used to answer to it.
            await scope.Db.SlugRedirects.Where(r => r.Kind == writer.Kind && r.OldSlug == slug).ExecuteDeleteAsync(context.RequestAborted);
            scope.Db.Add(entity);
            await scope.Db.SaveChangesAsync(context.RequestAborted);
            scope.Record(ChangeOperations.Create, writer.ChangeKind, slug, null, await writer.ToInputAsync(scope, entity));
            return null;
        }, () => session.Answer(context, writer.ChangeKind, slug, StatusCodes.Status201Created, $"/api/v1/{writer.Collection}/{slug}"));
    }

    public static async Task<IResult> UpdateAsync<TEntity, TInput>(HttpContext context, WriteSession session, INodeWriter<TEntity, TInput> writer, string slug, bool patch)
        where TEntity : Node
        where TInput : class
    {
        var target = session.Directory.Find(writer.ChangeKind, slug);
        if (target is null)
        {
            return await session.MissingAsync(context, writer.Kind, writer.ChangeKind, slug);
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

        var current = slug;
        return await session.ExecuteAsync(context, async scope =>
        {
            var entity = await scope.Db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == target.Id, context.RequestAborted);
            if (entity is null)
            {
                return Preconditions.Stale();
            }

            // The UPDATE carries "AND xmin = <the snapshot's version>", so a write that raced in since fails with 412.
            scope.Db.Entry(entity).Property(e => e.Version).OriginalValue = target.Version;
            var before = await writer.ToInputAsync(scope, entity);
            var document = patch
                ? (JsonObject)MergePatch.Apply(JsonSerializer.SerializeToNode(before, StrictJson.Options), body.Value)!
                : body.Value!;
            // PUT may leave the slug out: it is the one in the URL. A different one renames.
            document.TryAdd("slug", slug);

            var (input, invalid) = Bind(document, writer);
            if (invalid is not null)
            {
                return invalid;
            }

            if (await writer.ApplyAsync(scope, entity, input!, isNew: false) is { } refusal)
            {
                return refusal;
            }

            var after = await writer.ToInputAsync(scope, entity);
            if (JsonSerializer.Serialize(before, StrictJson.Options) == JsonSerializer.Serialize(after, StrictJson.Options))
            {
                return null; // nothing changed: no new version, no feed entry
            }

            if (entity.Slug != slug)
            {
                await scope.Db.SlugRedirects.Where(r => r.Kind == writer.Kind && r.OldSlug == entity.Slug).ExecuteDeleteAsync(context.RequestAborted);
                scope.Db.SlugRedirects.Add(new SlugRedirect { Kind = writer.Kind, OldSlug = slug, NodeId = entity.Id, CreatedAt = scope.Now });
            }

            entity.UpdatedAt = scope.Now;
            current = entity.Slug;
            scope.Record(ChangeOperations.Update, writer.ChangeKind, entity.Slug, before, after);
            return null;
        }, () => session.Answer(context, writer.ChangeKind, current, StatusCodes.Status200OK));
    }

    public static async Task<IResult> DeleteAsync<TEntity, TInput>(HttpContext context, WriteSession session, INodeWriter<TEntity, TInput> writer, string slug, bool cascade)
        where TEntity : Node
        where TInput : class
    {
        var target = session.Directory.Find(writer.ChangeKind, slug);
        if (target is null)
        {
            return await session.MissingAsync(context, writer.Kind, writer.ChangeKind, slug);
        }

        if (Preconditions.CheckIfMatch(context.Request, target.ETag) is { } precondition)
        {
            return precondition;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var entity = await scope.Db.Set<TEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == target.Id, context.RequestAborted);
            if (entity is null || entity.Version != target.Version)
            {
                return Preconditions.Stale();
            }

            var before = await writer.ToInputAsync(scope, entity);
            if (await writer.RemoveDependentsAsync(scope, entity, cascade) is { } refusal)
            {
                return refusal;
            }

            await scope.Db.SaveChangesAsync(context.RequestAborted);
            var deleted = await scope.Db.Nodes.Where(n => n.Id == target.Id && n.Version == target.Version).ExecuteDeleteAsync(context.RequestAborted);
            if (deleted == 0)
            {
                return Preconditions.Stale();
            }

            scope.Record(ChangeOperations.Delete, writer.ChangeKind, slug, before, null);
            return null;
        }, () => TypedResults.NoContent());
    }

    private static (TInput? Input, IResult? Invalid) Bind<TEntity, TInput>(JsonObject body, INodeWriter<TEntity, TInput> writer)
        where TEntity : Node
        where TInput : class
    {
        var errors = new ValidationErrors();
        var input = StrictJson.Bind<TInput>(body, errors);
        if (input is not null)
        {
            input = writer.Validate(input, errors);
        }

        return errors.HasErrors ? (null, Problems.Invalid(errors)) : (input, null);
    }
}
