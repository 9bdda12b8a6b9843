using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data;

namespace PostTraining.Api.Changes;

/// <summary>
/// <c>GET /api/v1/changes.atom</c>: the change feed as Atom, whole or scoped. Paged per RFC 5005 section 3 (a paged
/// feed, not archives): the first page holds the newest entries, <c>rel="next"</c> goes to older ones. Pages are cut
/// by change id, so entries written while a reader pages only ever appear on the first page: following next from
/// any page gives each older entry exactly once. Archived feeds (section 4) would need fixed, immutable archive
/// documents per scope, and a scope is any combination of parameters.
/// </summary>
public static class ChangeAtomEndpoint
{
    /// <summary>The sort name of this feed's cursors (newest first), so no other cursor passes for one.</summary>
    private const string Position = "change-id-desc";

    public static void MapChangeAtom(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReadGroup(string.Empty, "Changes")
            .MapRead("/changes.atom", FeedAsync, "ChangesAtom", "The change feed as Atom",
                "Atom 1.0 (RFC 4287), newest first, paged by rel=\"next\" links (RFC 5005): everything, a subtree (root), a kind, one entity, "
                + "or some event types. Each entry names the entity in English and Chinese, the event, the author (the key's name) and the time, "
                + "and links to the entity. Conditional GET: send the ETag back in If-None-Match.")
            .Produces<string>(StatusCodes.Status200OK, ChangeAtom.MediaType);
    }

    private static async Task<IResult> FeedAsync(
        [Description("A paradigm or technique slug (or paradigm:<slug>, technique:<slug>): every change in its subtree.")] string? root,
        [Description("A change kind: paradigm, technique, reference, relationship, technique-reference, formula, comparison, model, dataset, limitation, application, relation-type.")] string? kind,
        [Description("One entity as <kind>:<key>, e.g. technique:dpo, relationship:12, technique-reference:dpo/arxiv-2305-18290.")] string? entity,
        [Description("Comma-separated event types: created, updated, deleted, moved (a technique's paradigm or parent changed), linked (a relationship or technique-reference link created or deleted).")] string? events,
        [Description("Opaque position from a page's rel=\"next\" link. Absent: the newest entries.")] string? before,
        [Description("Entries per page, 1 to 200.")][Range(1, ChangeEndpoints.MaxLimit)][DefaultValue(ChangeEndpoints.DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db,
        SnapshotHolder holder)
    {
        var snapshot = holder.Required;
        var errors = new ValidationErrors();
        var scope = ChangeScope.Parse(root, kind, entity, ChangeScope.SplitList(events), snapshot, errors);
        long? cut = null;
        if (before is not null)
        {
            if (Cursor.TryDecodePosition(before, Position, out var position))
            {
                cut = position;
            }
            else
            {
                errors.Add("before", "Not a cursor this service issued; use the rel=\"next\" link of a previous page.");
            }
        }

        var take = Paging.ReadLimit(errors, limit);

        if (scope is null || errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var ct = context.RequestAborted;
        var page = await ChangeScan.NewestFirstAsync(db, scope, snapshot, cut, take, ct);
        var updated = page.Entries.Count > 0
            ? page.Entries[0].At
            : await db.Changes.MaxAsync(c => (DateTimeOffset?)c.At, ct) ?? DateTimeOffset.UnixEpoch;

        var request = context.Request;
        string Link(long? position) => AbsoluteUrl.For(request, QueryHelpers.AddQueryString("/api/v1/changes.atom",
            scope.ToQuery()
                .Append(new("limit", limit?.ToString(CultureInfo.InvariantCulture)))
                .Append(new("before", position is { } p ? Cursor.ForPosition(Position, p) : null))
                .Where(q => q.Value is not null)));
        var next = page.Resume is { } resume ? Link(resume) : null;
        var explorer = AbsoluteUrl.For(request, scope.RootKind is { } rootKind
            ? $"/#{(rootKind == Data.Entities.NodeKind.Paradigm ? "paradigm" : "technique")}/{scope.RootSlug}"
            : "/");
        var bytes = ChangeAtom.Write(new ChangeAtom.Page(
            scope, page.Entries, updated, AbsoluteUrl.For(request, request.Path + request.QueryString), Link(null), next,
            AbsoluteUrl.Origin(request), explorer,
            id => AbsoluteUrl.For(request, $"/api/v1/changes?since={Cursor.ForPosition(ChangeEndpoints.Position, id - 1)}&limit=1")), snapshot);
        return new BodyResult<string>(new CachedBody(bytes, ChangeAtom.MediaType + "; charset=utf-8", cacheCompressed: false),
            link: next is null ? null : NextLink.Header(next));
    }
}
