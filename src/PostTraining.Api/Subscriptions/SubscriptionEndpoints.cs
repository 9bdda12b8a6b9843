using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Auth;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Subscriptions;

/// <summary>
/// Webhook subscriptions: subscribe (the signing secret is shown once), list, show, end, read the delivery log and ask
/// for a redelivery. Every method needs the 'write' scope; a key sees and manages the subscriptions it made, an admin
/// key all of them (others answer 404, so ids reveal nothing).
/// </summary>
public static class SubscriptionEndpoints
{
    private const string SubscriptionPosition = "subscription-id";
    private const string DeliveryPosition = "delivery-id";

    public static IEndpointRouteBuilder MapSubscriptions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/subscriptions")
            .WithTags("Subscriptions")
            .RequireScope(ApiScopes.Write)
            .AddEndpointFilterFactory(QueryParameterGuard.Factory)
            .AddEndpointFilter<ETaggedJsonFilter>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync)
            .WithName("CreateSubscription")
            .WithSummary("Subscribe a webhook to changes")
            .WithDescription("Every change in the scope (all of it when no root, kind, entity or events are given) is POSTed to the url, signed per Standard Webhooks "
                + "(see the document's webhooks section). Answers the subscription with its signing secret, shown only in this answer.")
            .Accepts<CreateSubscriptionRequest>(JsonBody.Json)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", ListAsync)
            .WithName("ListSubscriptions")
            .WithSummary("List subscriptions")
            .WithDescription("The caller's subscriptions (an admin key: everyone's), oldest first, without secrets.")
            .ProducesValidationProblem();

        group.MapGet("/{id:long}", GetAsync)
            .WithName("GetSubscription")
            .WithSummary("Show a subscription")
            .WithDescription("One subscription without its secret.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id:long}", DeleteAsync)
            .WithName("DeleteSubscription")
            .WithSummary("Unsubscribe")
            .WithDescription("Removes the subscription with its delivery log; nothing more is sent to it.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:long}/deliveries", DeliveriesAsync)
            .WithName("ListSubscriptionDeliveries")
            .WithSummary("A subscription's delivery log")
            .WithDescription("Each change queued for the subscription, newest first, with every attempt: when, the status code (none after a network error or timeout), latency and error.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver", RedeliverAsync)
            .WithName("RedeliverSubscriptionDelivery")
            .WithSummary("Send a delivery again")
            .WithDescription("Queues the delivery to be sent again now, with the same webhook-id, and retried as a new one would be. Answers 202 with the delivery.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Created<CreatedSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context, PostTrainingDbContext db, SnapshotHolder holder, WebhookTargets targets, WebhookSignal signal, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var request = StrictJson.Bind<CreateSubscriptionRequest>(body.Value!, errors);
        ChangeScope? scope = null;
        if (request is not null)
        {
            if (string.IsNullOrEmpty(request.Url))
            {
                errors.Add("url", "Required: the absolute URL deliveries are POSTed to.");
            }
            else if (request.Url.Length > 2000)
            {
                errors.Add("url", "At most 2000 characters.");
            }
            else if (await targets.ProblemAsync(request.Url, context.RequestAborted) is { } refused)
            {
                errors.Add("url", refused);
            }

            scope = ChangeScope.Parse(request.Root, request.Kind, request.Entity, request.Events, holder.Required, errors);
        }

        if (errors.HasErrors || scope is null)
        {
            return Problems.Invalid(errors);
        }

        var ct = context.RequestAborted;
        var subscription = new Subscription
        {
            Url = request!.Url!,
            Root = scope.Root,
            Kind = scope.Kind,
            Entity = scope.Entity,
            Events = [.. scope.Events ?? []],
            Secret = WebhookSignature.NewSecret(),
            Status = SubscriptionStatuses.Active,
            CreatedAt = clock.GetUtcNow(),
            Author = context.RequireApiCaller().Name,
            // From now on: the feed's entries so far are history, readable at /api/v1/changes.
            Cursor = await db.Changes.MaxAsync(c => (long?)c.Id, ct) ?? 0,
        };
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);
        signal.Wake();

        context.Response.Headers.CacheControl = "no-store";
        var s = subscription.ToResponse();
        return TypedResults.Created(AbsoluteUrl.For(context.Request, s.Self), new CreatedSubscriptionResponse(
            s.Id, s.Url, s.Root, s.Kind, s.Entity, s.Events, s.Status, s.CreatedAt, s.Author, subscription.Secret, s.Self, s.Deliveries));
    }

    private static async Task<Results<Ok<ListPage<SubscriptionResponse>>, ValidationProblem>> ListAsync(
        [Description("Opaque position from a previous page's 'next'.")] string? cursor,
        [Description("Subscriptions per page, 1 to 200.")][Range(1, Paging.MaxLimit)][DefaultValue(Paging.DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db)
    {
        var (after, take, invalid) = ReadPage(cursor, limit, SubscriptionPosition);
        if (invalid is not null)
        {
            return invalid;
        }

        var rows = await Visible(db, context).Where(s => s.Id > after).OrderBy(s => s.Id).Take(take + 1).ToListAsync(context.RequestAborted);
        var next = rows.Count > take ? NextUrl(context, "/api/v1/subscriptions", SubscriptionPosition, rows[take - 1].Id, limit) : null;
        NextLink.Add(context.Response, next);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ListPage<SubscriptionResponse>([.. rows.Take(take).Select(s => s.ToResponse())], next));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(
        [Description("Subscription id.")] long id, HttpContext context, PostTrainingDbContext db)
    {
        var subscription = await Visible(db, context).FirstOrDefaultAsync(s => s.Id == id, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return subscription is null ? NotFound(id) : TypedResults.Ok(subscription.ToResponse());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        [Description("Subscription id.")] long id, HttpContext context, PostTrainingDbContext db)
    {
        var deleted = await Visible(db, context).Where(s => s.Id == id).ExecuteDeleteAsync(context.RequestAborted);
        return deleted == 0 ? NotFound(id) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ListPage<DeliveryResponse>>, ValidationProblem, ProblemHttpResult>> DeliveriesAsync(
        [Description("Subscription id.")] long id,
        [Description("Opaque position from a previous page's 'next'.")] string? cursor,
        [Description("Deliveries per page, 1 to 200.")][Range(1, Paging.MaxLimit)][DefaultValue(Paging.DefaultLimit)] int? limit,
        HttpContext context,
        PostTrainingDbContext db)
    {
        var (before, take, invalid) = ReadPage(cursor, limit, DeliveryPosition);
        if (invalid is not null)
        {
            return invalid;
        }

        var ct = context.RequestAborted;
        if (!await Visible(db, context).AnyAsync(s => s.Id == id, ct))
        {
            return NotFound(id);
        }

        var rows = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog)
            .Where(d => d.SubscriptionId == id && (before == 0 || d.Id < before))
            .OrderByDescending(d => d.Id)
            .Take(take + 1)
            .AsSplitQuery()
            .ToListAsync(ct);
        var next = rows.Count > take ? NextUrl(context, $"/api/v1/subscriptions/{id}/deliveries", DeliveryPosition, rows[take - 1].Id, limit) : null;
        NextLink.Add(context.Response, next);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ListPage<DeliveryResponse>([.. rows.Take(take).Select(d => d.ToResponse())], next));
    }

    private static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        [Description("Subscription id.")] long id,
        [Description("Delivery id, from the delivery log.")] long deliveryId,
        HttpContext context,
        PostTrainingDbContext db,
        WebhookSignal signal,
        TimeProvider clock)
    {
        var ct = context.RequestAborted;
        var subscription = await Visible(db, context).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            return NotFound(id);
        }

        if (subscription.Status == SubscriptionStatuses.Ended)
        {
            return Problems.Conflict("The subscription ended (its target answered 410 Gone); subscribe again to receive deliveries.");
        }

        var now = clock.GetUtcNow();
        // A delivery being sent right now keeps its claim: it is already going out.
        var updated = await db.WebhookDeliveries
            .Where(d => d.Id == deliveryId && d.SubscriptionId == id && (d.Status != DeliveryStatuses.Pending || d.ClaimedUntil == null || d.ClaimedUntil < now))
            .ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Status, DeliveryStatuses.Pending)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.RetrySince, now)
                .SetProperty(d => d.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(d => d.ClaimToken, (Guid?)null), ct);
        var delivery = await db.WebhookDeliveries.AsNoTracking().Include(d => d.AttemptLog)
            .FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct);
        if (delivery is null)
        {
            return Problems.NotFound($"Subscription {id} has no delivery {deliveryId}.");
        }

        if (updated > 0)
        {
            signal.Wake();
        }

        var url = $"/api/v1/subscriptions/{id}/deliveries";
        return TypedResults.Accepted(AbsoluteUrl.For(context.Request, url), delivery.ToResponse());
    }

    /// <summary>The subscriptions the caller may see: its own, or every one for an admin key.</summary>
    private static IQueryable<Subscription> Visible(PostTrainingDbContext db, HttpContext context)
    {
        var caller = context.RequireApiCaller();
        var all = db.Subscriptions.AsNoTracking();
        return caller.Scopes.Contains(ApiScopes.Admin, StringComparer.Ordinal)
            ? all
            : all.Where(s => s.Author == caller.Name);
    }

    private static ProblemHttpResult NotFound(long id) => Problems.NotFound($"There is no subscription {id} of this key.");

    private static string NextUrl(HttpContext context, string path, string position, long last, int? limit) =>
        Paging.PositionUrl(context.Request, path, "cursor", position, last, limit);

    /// <summary>A page's position and size from its parameters, or the 400 naming what is wrong with them.</summary>
    private static (long Position, int Take, ValidationProblem? Invalid) ReadPage(string? cursor, int? limit, string position)
    {
        var errors = new ValidationErrors();
        var value = 0L;
        if (cursor is not null && !Cursor.TryDecodePosition(cursor, position, out value))
        {
            errors.Add("cursor", Cursor.Describe);
        }

        var take = Paging.ReadLimit(errors, limit);
        return (value, take, errors.HasErrors ? Problems.Invalid(errors) : null);
    }
}
