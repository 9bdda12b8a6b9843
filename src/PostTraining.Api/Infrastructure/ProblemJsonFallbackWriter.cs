using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace PostTraining.Api.Infrastructure;

/// <summary>
/// The built-in problem writer only answers clients whose Accept admits JSON; anyone else (Accept: text/csv,
/// image/png, ...) would get a text/plain error. The contract says every error is problem+json, so this writer,
/// registered after the built-in one, takes the requests it declines.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, problem.GetType(), jsonOptions.Value.SerializerOptions, "application/problem+json"));
    }
}
