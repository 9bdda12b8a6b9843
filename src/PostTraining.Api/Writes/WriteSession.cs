using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Writes;

/// <summary>
/// Runs a write: one transaction holding the service-wide write lock, the change rows committed with it, then the
/// commit's WAL position as the answer's consistency token and a snapshot refresh before the answer (read your writes). The lock serialises writers across every process on the
/// database, which keeps two things true that row locks alone would not: change ids are handed out in commit
/// order (so a feed reader past id N never misses a later-committing N-1), and graph checks (cycles, dependents)
/// see every earlier write.
/// </summary>
public sealed class WriteSession(PostTrainingDbContext db, ISnapshotRefresher refresher, IEntityDirectory directory, TimeProvider clock)
{
    /// <summary>The advisory lock every writer takes ("PTWRITE" in ASCII).</summary>
    private const long WriteLockKey = 0x50_54_57_52_49_54_45;

    public PostTrainingDbContext Db => db;
    public IEntityDirectory Directory => directory;

    /// <summary>
    /// Runs <paramref name="work"/> in the write transaction. A non-null result from it is a refusal: the transaction
    /// rolls back and the result is the answer. Otherwise the transaction commits, the snapshot refreshes, and the
    /// answer is <paramref name="answer"/>'s.
    /// </summary>
    public async Task<IResult> ExecuteAsync(HttpContext context, Func<WriteScope, Task<IResult?>> work, Func<IResult> answer)
    {
        var ct = context.RequestAborted;
        var author = context.RequireApiCaller().Name;
        IResult? refusal = null;
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async cancellation =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellation);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", cancellation);
                refusal = await work(new WriteScope(db, author, clock.GetUtcNow()));
                if (refusal is not null)
                {
                    await transaction.RollbackAsync(cancellation);
                    return;
                }

                await db.SaveChangesAsync(cancellation);
                await transaction.CommitAsync(cancellation);
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The row's xmin is no longer the one the snapshot (and so the client's ETag) saw: another write won.
            return Preconditions.Stale();
        }
        catch (Exception e) when (PostgresErrors.IsUniqueViolation(e, out var constraint))
        {
            return Problems.Conflict(constraint switch
            {
                "ix_nodes_kind_slug" => "The slug is taken by another entity of this kind.",
                "ix_nodes_arxiv_id" => "Another reference has this arXiv id.",
                "ix_relationships_source_id_type_id_target_id" => "This relationship exists already.",
                "pk_technique_references" => "The technique already cites this reference.",
                "ix_comparisons_slug" => "There is a comparison with this slug already.",
                _ => "The change conflicts with existing data.",
            });
        }
        catch (Exception e) when (PostgresErrors.IsForeignKeyViolation(e, out var constraint) && constraint?.StartsWith("fk_comparison", StringComparison.Ordinal) == true)
        {
            // Comparison rows restrict deleting what they point at: the table would lose a row unseen.
            return Problems.Conflict("A comparison has a row about this entity or cites it; remove it from the comparison first (see /api/v1/comparisons).");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        if (refusal is not null)
        {
            return refusal;
        }

        // Every write answers its token (X-Consistency-Token) and names its position to the other processes.
        var committed = await CommitPosition.ReadAsync(db, ct);
        CommitPosition.Answer(context.Response, committed);
        await refresher.RefreshAsync(committed, ct);
        return answer();
    }

    /// <summary>
    /// The answer for a node slug the read model does not hold: 308 to the current slug when it was renamed, 410 when
    /// the feed records its deletion, else 404.
    /// </summary>
    public async Task<IResult> MissingAsync(HttpContext context, NodeKind kind, string changeKind, string slug)
    {
        var ct = context.RequestAborted;
        var renamedTo = await db.SlugRedirects.AsNoTracking()
            .Where(r => r.Kind == kind && r.OldSlug == slug)
            .Select(r => r.Node.Slug)
            .FirstOrDefaultAsync(ct);
        if (renamedTo is not null)
        {
            return TypedResults.Redirect(AbsoluteUrl.For(context.Request, ReplaceSlug(context.Request, slug, renamedTo)), permanent: true, preserveMethod: true);
        }

        return await MissingAsync(context, changeKind, slug);
    }

    /// <summary>410 when the feed's last word on the entity is its deletion, else 404.</summary>
    public async Task<IResult> MissingAsync(HttpContext context, string changeKind, string key)
    {
        var lastOperation = await db.Changes.AsNoTracking()
            .Where(c => c.EntityKind == changeKind && c.EntityKey == key)
            .OrderByDescending(c => c.Id)
            .Select(c => c.Operation)
            .FirstOrDefaultAsync(context.RequestAborted);
        return lastOperation == ChangeOperations.Delete
            ? Problems.Gone($"The {changeKind} '{key}' was deleted; its history stays in the change feed.")
            : Problems.NotFound($"There is no {changeKind} '{key}'.");
    }

    /// <summary>A detail answer: the representation GET now serves, with its ETag (and Location for a create).</summary>
    public IResult Answer(HttpContext context, string kind, string key, int status, string? location = null)
    {
        if (location is not null)
        {
            context.Response.Headers.Location = AbsoluteUrl.For(context.Request, location);
        }

        var detail = directory.Detail(kind, key);
        if (detail is null)
        {
            return TypedResults.StatusCode(status == StatusCodes.Status201Created ? status : StatusCodes.Status204NoContent);
        }

        context.Response.Headers.ETag = detail.ETag;
        return new StatusBytesResult(detail.Bytes, detail.ContentType, status);
    }

    private static string ReplaceSlug(HttpRequest request, string oldSlug, string newSlug)
    {
        var segments = (request.Path.Value ?? "").Split('/');
        var index = Array.IndexOf(segments, oldSlug);
        if (index >= 0)
        {
            segments[index] = newSlug;
        }

        return string.Join('/', segments) + request.QueryString;
    }

    private sealed class StatusBytesResult(byte[] bytes, string contentType, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = contentType;
            httpContext.Response.ContentLength = bytes.Length;
            return httpContext.Response.Body.WriteAsync(bytes).AsTask();
        }
    }
}
