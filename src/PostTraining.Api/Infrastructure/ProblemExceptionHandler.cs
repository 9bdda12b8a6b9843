using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PostTraining.Api.Http;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// Maps the few exceptions a request can legitimately cause to problem+json. Anything else is a 500 whose body
/// never carries the exception text: the details go to the log only.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ when DatabaseUnavailable.Is(exception) => (StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                "The database cannot be reached right now. Retry shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "Client closed request", null),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", "The server could not complete the request."),
        };

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = DatabaseUnavailable.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            logger.LogWarning("Database unavailable on {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        }
        else if (status >= 500)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = status;
        ProblemDetails problem = new() { Status = status, Title = title, Detail = detail };
        if (exception is BadHttpRequestException && BindingFailures.TryDescribe(exception.Message, out var parameter, out var message))
        {
            problem = Problems.Validation(new Dictionary<string, string[]> { [parameter] = [message] });
            problem.Status = status;
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = problem,
        });
    }
}
