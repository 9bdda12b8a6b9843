using System.Diagnostics;

namespace PostTraining.Api.Observability;

/// <summary>
/// One structured log line per request: method, path, status, duration and the W3C trace id (the caller's, when it
/// sent a traceparent header), so a log line can be joined to its trace and to the traceId of a problem response.
/// </summary>
internal sealed partial class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
            {
                var traceId = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
                LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/", context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, traceId);
            }
        }
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Level = LogLevel.Information,
        Message = "{Method} {Path} answered {StatusCode} in {ElapsedMs:0.0} ms, trace {TraceId}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int statusCode, double elapsedMs, string traceId);
}

/// <summary>Puts the request log first in the pipeline, so it times and sees everything, errors answered included.</summary>
internal sealed class RequestLogStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<RequestLogMiddleware>();
        next(app);
    };
}
