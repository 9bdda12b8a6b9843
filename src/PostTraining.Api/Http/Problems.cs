using Microsoft.AspNetCore.Http.HttpResults;

namespace PostTraining.Api.Http;

/// <summary>The problem+json answers read endpoints give; each names what was wrong.</summary>
public static class Problems
{
    /// <summary>400 naming the query parameter (or body member) and why it is wrong.</summary>
    public static ValidationProblem BadParameter(string name, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [name] = [message] },
            detail: $"Query parameter '{name}': {message}",
            title: "Invalid query parameter");

    public static ProblemHttpResult NotFound(string kind, string key) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"There is no {kind} '{key}'.");

    public static ProblemHttpResult NotAcceptable(IEnumerable<string> offered) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "Not acceptable",
            detail: $"None of the media types in Accept is available here. Available: {string.Join(", ", offered)}.");
}
