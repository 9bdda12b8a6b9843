using NpgsqlTypes;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>
/// Read-your-writes across replicas. A read carrying <c>X-Consistency-Token</c> is answered once this process's
/// snapshot includes that WAL position: at once when it does, else after asking for a refresh and waiting up to
/// <c>ReadModel:ConsistencyWaitMilliseconds</c> (default 2000), else 503 with <c>Retry-After</c>, never a stale
/// answer. A malformed token, or one past the primary's current position (no write answered it), is a 400 naming
/// the header. Every read names its snapshot's position in <c>X-Snapshot-Lsn</c>.
/// </summary>
public static class ConsistencyFilter
{
    public const int DefaultWaitMilliseconds = 2000;
    public const int RetryAfterSeconds = 1;

    /// <summary>Endpoint metadata of the reads this filter runs on, so the OpenAPI document declares the headers there.</summary>
    public static readonly Marker Applies = new();

    public sealed class Marker;

    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var holder = http.RequestServices.GetRequiredService<SnapshotHolder>();
        var sent = http.Request.Headers[ConsistencyTokens.Header];
        if (sent.Count > 0)
        {
            if (sent.Count > 1 || !ConsistencyTokens.TryParse(sent[0], out var token))
            {
                return Problems.Invalid(ConsistencyTokens.Header, $"A consistency token is {ConsistencyTokens.Format}, taken from the header of a write's answer; got '{sent}'.");
            }

            if (holder.Lsn < token && await WaitAsync(http, holder, token) is { } refusal)
            {
                return refusal;
            }
        }

        // Read before the handler takes its snapshot: snapshots only move forward, so this is a lower bound of what it serves.
        http.Response.Headers[ConsistencyTokens.SnapshotHeader] = holder.Lsn.ToString();
        return await next(context);
    }

    private static async Task<IResult?> WaitAsync(HttpContext http, SnapshotHolder holder, NpgsqlLogSequenceNumber token)
    {
        var services = http.RequestServices;
        var ct = http.RequestAborted;
        // Only a token this snapshot does not include yet costs a query: is it one the primary could have handed out?
        if (await services.GetRequiredService<PrimaryWal>().TryCurrentAsync(ct) is { } primary && token > primary)
        {
            return Problems.Invalid(ConsistencyTokens.Header,
                $"The token {token} is past the primary's current WAL position {primary}: no write answered it.");
        }

        services.GetRequiredService<SnapshotRefresher>().Request(token);
        var bound = TimeSpan.FromMilliseconds(services.GetRequiredService<IConfiguration>()
            .GetValue("ReadModel:ConsistencyWaitMilliseconds", DefaultWaitMilliseconds));
        if (await holder.WaitForAsync(token, bound, ct))
        {
            return null;
        }

        http.Response.Headers[ConsistencyTokens.SnapshotHeader] = holder.Lsn.ToString();
        return Problems.Unavailable(http.Response,
            $"This replica's snapshot reflects {holder.Lsn}, not yet the token {token} (its read source is behind); try again shortly.",
            RetryAfterSeconds);
    }
}
