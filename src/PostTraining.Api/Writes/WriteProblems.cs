using Microsoft.AspNetCore.Http.HttpResults;

namespace PostTraining.Api.Writes;

/// <summary>The problem responses writes share.</summary>
public static class WriteProblems
{
    public static ProblemHttpResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict", extensions: extensions);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Gone(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status410Gone, title: "Gone");

    public static ValidationProblem Invalid(string member, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(member, message);
        return TypedResults.ValidationProblem(errors.ToDictionary());
    }
}
