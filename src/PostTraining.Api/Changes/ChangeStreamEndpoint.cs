using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data;

namespace PostTraining.Api.Changes;

/// <summary>
/// <c>GET /api/v1/changes/stream</c>: the change feed as Server-Sent Events, scoped like the Atom feeds. Each event is
/// <c>id:</c> the change id, <c>event:</c> its primary type (<see cref="ChangeEvents.Primary"/>), <c>data:</c> the entry
/// as <c>/api/v1/changes</c> lists it. With <c>Last-Event-ID</c> (or <c>lastEventId</c>) the stream first replays the
/// feed after that id from the database, then goes live from the last id it read, so nothing is skipped or repeated:
/// change ids are handed out in commit order (the write lock), and it wakes on every snapshot swap, which follows
/// every write here and, through NOTIFY, every write elsewhere. Without one it starts after the feed's last entry.
/// </summary>
/// <remarks>
/// Written by hand rather than with <c>TypedResults.ServerSentEvents</c>: .NET 10's SSE result (SseFormatter) writes
/// only events, and the heartbeat is a comment line (<c>: heartbeat</c>), which proxies see as traffic and clients
/// ignore. The data is one line of JSON (the serializer escapes line breaks), so each event is three fields.
/// The service has no response-compression middleware (bodies are compressed per representation), and each
/// event is flushed, so nothing holds events back; <c>X-Accel-Buffering: no</c> tells nginx the same.
/// </remarks>
public static class ChangeStreamEndpoint
{
    public const string MediaType = "text/event-stream";
    private const int BatchSize = 200;

    public static void AddChangeStream(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(ChangeStreamOptions.Section).Get<ChangeStreamOptions>() ?? new ChangeStreamOptions();
        if (options.MaxPerClient < 1 || options.HeartbeatSeconds <= 0 || options.RetryMilliseconds < 0)
        {
            throw new InvalidOperationException($"{ChangeStreamOptions.Section}: MaxPerClient must be at least 1 and HeartbeatSeconds above 0.");
        }

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ChangeStreamLimiter>();
    }

    public static void MapChangeStream(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup(ReadApi.Prefix).WithTags("Changes").AddEndpointFilterFactory(QueryParameterGuard.Factory)
            .MapGet("/changes/stream", StreamAsync)
            .WithName("StreamChanges")
            .WithSummary("Follow the change feed live (Server-Sent Events)")
            .WithDescription("A text/event-stream of change entries in the scope (root, kind, entity, events as on /api/v1/changes.atom). "
                + "Each event: 'id:' the change id, 'event:' created, updated, deleted, moved or linked, 'data:' the ChangeEntry JSON as /api/v1/changes lists it. "
                + "Reconnect with Last-Event-ID (an EventSource does) or ?lastEventId= to get every entry after it, then live ones, none twice. "
                + "': heartbeat' comment lines come every 15 s; a client address may hold a few streams at once (429 beyond).")
            .Produces<string>(StatusCodes.Status200OK, MediaType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> StreamAsync(
        [Description("A paradigm or technique slug (or paradigm:<slug>, technique:<slug>): every change in its subtree.")] string? root,
        [Description("A change kind, e.g. technique or relationship.")] string? kind,
        [Description("One entity as <kind>:<key>, e.g. technique:dpo.")] string? entity,
        [Description("Comma-separated event types: created, updated, deleted, moved, linked.")] string? events,
        [Description("Resume after this change id (for an EventSource's first connection, which cannot send headers); Last-Event-ID wins when both are given.")] string? lastEventId,
        [FromHeader(Name = "Last-Event-ID"), Description("The id of the last event received: the stream replays every later entry in the scope first.")] string? lastEventIdHeader,
        HttpContext context,
        PostTrainingDbContext db,
        SnapshotHolder holder,
        ChangeStreamLimiter limiter,
        ChangeStreamOptions options,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostApplicationLifetime lifetime)
    {
        if (holder.Current is not { } snapshot)
        {
            context.Response.Headers.RetryAfter = "5";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable",
                detail: "The taxonomy is still being loaded; try again in a few seconds.");
        }

        var errors = new ValidationErrors();
        var scope = ChangeScope.Parse(root, kind, entity, ChangeScope.SplitList(events), snapshot, errors);
        var (resumeName, resumeValue) = lastEventIdHeader is not null ? ("Last-Event-ID", lastEventIdHeader) : ("lastEventId", lastEventId);
        long? resume = null;
        if (resumeValue is not null)
        {
            if (long.TryParse(resumeValue, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                resume = id;
            }
            else
            {
                errors.Add(resumeName, "Not an event id of this stream: a change id, a whole number of 0 or more.");
            }
        }

        if (scope is null || errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        using var slot = limiter.TryAcquire(ChangeStreamLimiter.ClientOf(context));
        if (slot is null)
        {
            var wait = Math.Max(1, (int)Math.Ceiling(options.HeartbeatSeconds));
            context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return Problems.TooManyRequests($"This client address has {options.MaxPerClient} change streams open, the most allowed; close one or retry in {wait} s.");
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var response = context.Response;
        response.ContentType = MediaType;
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var serializer = json.Value.SerializerOptions;
        var heartbeat = TimeSpan.FromSeconds(options.HeartbeatSeconds);
        try
        {
            var last = resume ?? await ChangeScan.LastIdAsync(db, ct);
            await WriteAsync(response, $"retry: {options.RetryMilliseconds}\n: connected\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                // Taken before reading, so a swap during the read still wakes the wait below.
                var swapped = holder.NextSwap;
                while (true)
                {
                    var batch = await ChangeScan.OldestFirstAsync(db, scope, holder.Required, last, BatchSize, ct);
                    foreach (var entry in batch.Entries)
                    {
                        var data = JsonSerializer.Serialize(entry, serializer);
                        await WriteAsync(response, $"id: {entry.Id.ToString(CultureInfo.InvariantCulture)}\nevent: {ChangeEvents.Primary(entry)}\ndata: {data}\n\n", ct);
                    }

                    if (batch.Resume is not { } read || read == last)
                    {
                        break;
                    }

                    last = read;
                }

                var beat = Task.Delay(heartbeat, ct);
                if (await Task.WhenAny(swapped, beat) == beat && !ct.IsCancellationRequested)
                {
                    await WriteAsync(response, ": heartbeat\n\n", ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client left or the host is stopping: the stream simply ends.
        }
        catch (IOException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (System.Data.Common.DbException)
        {
            // The database went away mid-stream: end it; the client reconnects with Last-Event-ID and misses nothing.
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken ct)
    {
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
        await response.Body.FlushAsync(ct);
    }
}
