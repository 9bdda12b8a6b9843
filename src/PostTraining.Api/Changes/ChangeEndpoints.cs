using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Http;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Changes;

/// <summary>The change feed and the per-entity histories drawn from it.</summary>
public static class ChangeEndpoints
{
    public const int DefaultLimit = Paging.DefaultLimit;
    public const int MaxLimit = Paging.MaxLimit;

    /// <summary>The sort name change-feed cursors are made for, so no other paging cursor passes for one.</summary>
    internal const string Position = "change-id";

    public static IEndpointRouteBuilder MapChanges(this IEndpointRouteBuilder endpoints)
    {
        // Read from the database, not the snapshot: the filter gives these reads their ETag and 304.
        var app = endpoints.MapGroup(string.Empty).AddEndpointFilterFactory(QueryParameterGuard.Factory).AddEndpointFilter<ETaggedJsonFilter>();
        app.MapGet("/api/v1/changes", FeedAsync)
            .WithTags("Changes")
            .WithName("ListChanges")
            .WithSummary("Read the change feed")
            .WithDescription("Every write in the order it committed, seed loading included (author 'import'), each with the entity before and after. "
                + "Start without 'since' to read from the beginning; follow 'next' while it is present, then keep 'poll' and ask it later for what happened since.")
            .ProducesValidationProblem();

        MapHistory(app, "paradigms", NodeKind.Paradigm, ChangeKinds.Paradigm, "Paradigms", "ParadigmHistory");
        MapHistory(app, "techniques", NodeKind.Technique, ChangeKinds.Technique, "Techniques", "TechniqueHistory");
        MapHistory(app, "references", NodeKind.Reference, ChangeKinds.Reference, "References", "ReferenceHistory");

        app.MapGet("/api/v1/relationships/{id:long}/history", RelationshipHistoryAsync)
            .WithTags("Relationships")
            .WithName("RelationshipHistory")
            .WithSummary("A relationship's history")
            .WithDescription("The change-feed entries of one relationship, oldest first; kept after the relationship is deleted.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/v1/comparisons/{slug}/history", ComparisonHistoryAsync)
            .WithTags("Comparisons")
            .WithName("ComparisonHistory")
            .WithSummary("A comparison's history")
            .WithDescription("The change-feed entries of one comparison, oldest first, each with the whole table before and after; kept after it is deleted.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        endpoints.MapChangeAtom();
        endpoints.MapChangeStream();
        return endpoints;
    }

    private static void MapHistory(IEndpointRouteBuilder app, string resource, NodeKind nodeKind, string changeKind, string tag, string name) =>
        app.MapGet($"/api/v1/{resource}/{{slug}}/history",
                ([Description("The entity's slug (a former slug redirects to the current one).")] string slug,
                 [Description("Opaque position from a previous page's 'next'.")] string? cursor,
                 [Description("Entries per page, 1 to 200.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] int? limit,
                 HttpContext context,
                 PostTrainingDbContext db) => NodeHistoryAsync(resource, nodeKind, changeKind, slug, cursor, limit, context, db))
            .WithTags(tag)
            .WithName(name)
            .WithSummary($"A {changeKind}'s history")
            .WithDescription($"The change-feed entries of one {changeKind} under its current and former slugs, oldest first; kept after it is deleted.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<ChangePage>, ValidationProblem>> FeedAsync(
        [Description("Opaque position: a previous page's 'next' or 'poll' carries it. Absent: from the first entry.")] string? since,
        [Description("Entries per page, 1 to 200.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db)
    {
        var errors = new ValidationErrors();
        var after = ReadCursor(errors, "since", since);
        var take = Paging.ReadLimit(errors, limit);
        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.Id > after)
            .OrderBy(c => c.Id)
            .Take(take + 1)
            .ToListAsync(context.RequestAborted);
        var page = rows.Take(take).ToList();
        var last = page.Count > 0 ? page[^1].Id : after;

        string Link(long position) => Paging.PositionUrl(context.Request, "/api/v1/changes", "since", Position, position, limit);

        context.Response.Headers.CacheControl = "no-cache";
        var next = rows.Count > take ? Link(last) : null;
        NextLink.Add(context.Response, next);
        return TypedResults.Ok(new ChangePage([.. page.Select(c => c.ToEntry())], next, Link(last)));
    }

    private static async Task<Results<Ok<ChangePage>, RedirectHttpResult, ValidationProblem, ProblemHttpResult>> NodeHistoryAsync(
        string resource, NodeKind nodeKind, string changeKind, string slug, string? cursor, int? limit, HttpContext context, PostTrainingDbContext db)
    {
        var errors = new ValidationErrors();
        var after = ReadCursor(errors, "cursor", cursor);
        var take = Paging.ReadLimit(errors, limit);
        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var ct = context.RequestAborted;
        var nodeId = await db.Nodes.Where(n => n.Kind == nodeKind && n.Slug == slug).Select(n => (long?)n.Id).FirstOrDefaultAsync(ct);
        if (nodeId is null)
        {
            var renamedTo = await db.SlugRedirects.Where(r => r.Kind == nodeKind && r.OldSlug == slug).Select(r => r.Node.Slug).FirstOrDefaultAsync(ct);
            if (renamedTo is not null)
            {
                return TypedResults.Redirect(
                    AbsoluteUrl.For(context.Request, $"/api/v1/{resource}/{renamedTo}/history{context.Request.QueryString}"), permanent: true, preserveMethod: true);
            }
        }

        List<string> keys = [slug];
        if (nodeId is { } id)
        {
            keys.AddRange(await db.SlugRedirects.Where(r => r.NodeId == id).Select(r => r.OldSlug).ToListAsync(ct));
        }

        var page = await HistoryPageAsync(db, changeKind, keys, after, take, $"/api/v1/{resource}/{slug}/history", limit, context);
        if (nodeId is null && after == 0 && page.Items.Count == 0)
        {
            return TypedResults.Problem($"There is no {changeKind} '{slug}' and none was ever recorded.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<ChangePage>, ValidationProblem, ProblemHttpResult>> RelationshipHistoryAsync(
        [Description("Relationship id.")] long id,
        [Description("Opaque position from a previous page's 'next'.")] string? cursor,
        [Description("Entries per page, 1 to 200.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await KeyedHistoryAsync(ChangeKinds.Relationship, key, $"relationship {id}", $"/api/v1/relationships/{key}/history",
            ct => db.Relationships.AnyAsync(r => r.Id == id, ct), cursor, limit, context, db);
    }

    private static Task<Results<Ok<ChangePage>, ValidationProblem, ProblemHttpResult>> ComparisonHistoryAsync(
        [Description("Comparison slug, e.g. alignment-methods.")] string slug,
        [Description("Opaque position from a previous page's 'next'.")] string? cursor,
        [Description("Entries per page, 1 to 200.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db) =>
        !PostTraining.Data.Seed.Slugs.IsValid(slug)
            ? Task.FromResult<Results<Ok<ChangePage>, ValidationProblem, ProblemHttpResult>>(Problems.NotFound("comparison", slug))
            : KeyedHistoryAsync(ChangeKinds.Comparison, slug, $"comparison '{slug}'", $"/api/v1/comparisons/{slug}/history",
            ct => db.Comparisons.AnyAsync(c => c.Slug == slug, ct), cursor, limit, context, db);

    /// <summary>The history of an entity the feed names by one key that never changes (an id, a comparison's slug).</summary>
    private static async Task<Results<Ok<ChangePage>, ValidationProblem, ProblemHttpResult>> KeyedHistoryAsync(
        string kind, string key, string what, string path, Func<CancellationToken, Task<bool>> exists, string? cursor, int? limit,
        HttpContext context, PostTrainingDbContext db)
    {
        var errors = new ValidationErrors();
        var after = ReadCursor(errors, "cursor", cursor);
        var take = Paging.ReadLimit(errors, limit);
        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var held = await exists(context.RequestAborted);
        var page = await HistoryPageAsync(db, kind, [key], after, take, path, limit, context);
        if (!held && after == 0 && page.Items.Count == 0)
        {
            return TypedResults.Problem($"There is no {what} and none was ever recorded.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        return TypedResults.Ok(page);
    }

    private static async Task<ChangePage> HistoryPageAsync(
        PostTrainingDbContext db, string kind, List<string> keys, long after, int take, string path, int? limit, HttpContext context)
    {
        var rows = await db.Changes.AsNoTracking()
            .Where(c => c.EntityKind == kind && keys.Contains(c.EntityKey) && c.Id > after)
            .OrderBy(c => c.Id)
            .Take(take + 1)
            .ToListAsync(context.RequestAborted);
        var page = rows.Take(take).ToList();
        var next = rows.Count > take
            ? Paging.PositionUrl(context.Request, path, "cursor", Position, page[^1].Id, limit)
            : null;
        context.Response.Headers.CacheControl = "no-cache";
        NextLink.Add(context.Response, next);
        return new ChangePage([.. page.Select(c => c.ToEntry())], next, null);
    }

    private static long ReadCursor(ValidationErrors errors, string member, string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        if (!Cursor.TryDecodePosition(cursor, Position, out var after))
        {
            errors.Add(member, "Not a cursor this service issued; use the 'next' or 'poll' link of a previous page.");
        }

        return after;
    }

}
