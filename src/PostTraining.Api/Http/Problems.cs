using Microsoft.AspNetCore.Http.HttpResults;

namespace PostTraining.Api.Http;

/// <summary>
/// Every problem+json answer the endpoints give, reads and writes alike; each names what was wrong. A 400 has one
/// shape wherever it comes from (a query parameter, a body member, a binding failure): <c>errors</c> keyed by the
/// parameter or member, the title "Invalid request" and a detail naming each problem.
/// </summary>
public static class Problems
{
    public const string InvalidTitle = "Invalid request";

    /// <summary>400 naming the query parameter (or body member) and why it is wrong.</summary>
    public static ValidationProblem Invalid(string member, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(member, message);
        return Invalid(errors);
    }

    /// <summary>400 with every problem found, keyed by parameter or member.</summary>
    public static ValidationProblem Invalid(ValidationErrors errors)
    {
        var details = Validation(errors.ToDictionary());
        return TypedResults.ValidationProblem(details.Errors, details.Detail, title: details.Title);
    }

    /// <summary>The 400 body, for writers outside an endpoint's result (the exception handler).</summary>
    public static HttpValidationProblemDetails Validation(IDictionary<string, string[]> errors) =>
        new(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = InvalidTitle,
            Detail = string.Join(" ", errors.SelectMany(e => e.Value.Select(message => $"'{e.Key}': {message}"))),
        };

    public static ProblemHttpResult NotFound(string kind, string key) => NotFound($"There is no {kind} '{key}'.");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: extensions);

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Gone");

    /// <summary>429 for a bound other than the rate limiter's (e.g. open streams per client); the caller sets Retry-After.</summary>
    public static ProblemHttpResult TooManyRequests(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");

    public static ProblemHttpResult NotAcceptable(IEnumerable<string> offered) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status406NotAcceptable,
            title: "Not acceptable",
            detail: $"None of the media types in Accept is available here. Available: {string.Join(", ", offered)}.");

    /// <summary>503 with <c>Retry-After</c>: the service cannot answer this yet, and says when to ask again.</summary>
    public static ProblemHttpResult Unavailable(HttpResponse response, string detail, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
    }
}
