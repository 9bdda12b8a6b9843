using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PostTraining.Api.Auth;

namespace PostTraining.Api.RateLimiting;

/// <summary>
/// Fixed-window limits (windows aligned to the clock, see ClockWindowLimiter) through ASP.NET Core's limiter middleware: reads per client address, writes per presented key. The write
/// partition is taken from the presented key before it is checked, so guessing keys is limited too and costs no
/// database lookup once over the limit. Health probes are never limited.
/// </summary>
public static class RateLimitingSetup
{
    public static void AddApiRateLimiting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        Validate(options);
        builder.Services.AddSingleton(options);
        if (!options.Enabled)
        {
            return;
        }

        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = new RateLimitHeaderWriter(PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, options)));
            limiter.OnRejected = OnRejectedAsync;
        });
    }

    public static void UseApiRateLimiting(this WebApplication app)
    {
        if (app.Services.GetRequiredService<RateLimitingOptions>().Enabled)
        {
            app.UseRateLimiter();
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitingOptions options)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        var method = context.Request.Method;
        var isRead = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)
            || context.GetEndpoint()?.Metadata.GetMetadata<ReadRateLimitMetadata>() is not null;
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var (key, window) = isRead
            ? ($"read:{client}", options.Reads)
            : (PresentedKeyPrefix(context.Request) is { } prefix ? $"write:key:{prefix}" : $"write:ip:{client}", options.Writes);

        return RateLimitPartition.Get(key, _ => new ClockWindowLimiter(window.PermitLimit, TimeSpan.FromSeconds(window.WindowSeconds), TimeProvider.System));
    }

    /// <summary>A short, bounded partition name for the presented key; never the key itself.</summary>
    private static string? PresentedKeyPrefix(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        var presented = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization[7..].Trim()
            : request.Headers["X-Api-Key"].ToString().Trim();
        if (presented.Length == 0)
        {
            return null;
        }

        // Stored keys partition by their public prefix; anything else (the bootstrap key) by a hash of it.
        return ApiKeySecret.TryGetPrefix(presented, out var prefix)
            ? prefix
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(presented)))[..16];
    }

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        // The real time until this client's window resets (ClockWindowLimiter), not the window's length.
        var seconds = RateLimitHeaderWriter.Seconds(rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"The rate limit for this client was reached; retry in {seconds} s.",
            },
        });
    }

    private static void Validate(RateLimitingOptions options)
    {
        foreach (var (name, window) in new[] { ("Reads", options.Reads), ("Writes", options.Writes) })
        {
            if (window.PermitLimit < 1 || window.WindowSeconds < 1)
            {
                throw new InvalidOperationException($"RateLimiting:{name} needs PermitLimit and WindowSeconds of at least 1.");
            }
        }
    }
}
