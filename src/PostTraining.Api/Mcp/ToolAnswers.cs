using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Mcp;

/// <summary>
/// Turns what an HTTP read handler answered into a tool result: the body's bytes as text (the same JSON or BibTeX a GET
/// serves, names and descriptions in English and Chinese), or the problem's detail as an error result the model can
/// read and act on. Tools call the handlers themselves, so validation, lookups and caching are those of /api/v1.
/// </summary>
public static class ToolAnswers
{
    /// <summary>Runs <paramref name="read"/> on a built snapshot; before the first one exists, an error saying to retry.</summary>
    /// <remarks><typeparamref name="T"/> is the representation the handler's body holds.</remarks>
    public static CallToolResult From<T>(SnapshotHolder snapshots, Func<IResult> read)
    {
        if (snapshots.Current is null)
        {
            return Error("Service unavailable: the taxonomy is still being loaded; try again in a few seconds.");
        }

        var answer = read();
        return (answer is INestedHttpResult nested ? nested.Result : answer) switch
        {
            BodyResult<T> body => new CallToolResult { Content = [new TextContentBlock { Text = Encoding.UTF8.GetString(body.Body.Bytes) }] },
            ValidationProblem invalid => Error(Describe(invalid.ProblemDetails)),
            ProblemHttpResult problem => Error(Describe(problem.ProblemDetails)),
            var other => throw new InvalidOperationException($"A read handler answered {other.GetType().Name}, which no tool translates."),
        };
    }

    private static string Describe(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        $"{problem.Status} {problem.Title}: {problem.Detail}";

    private static CallToolResult Error(string text) => new() { IsError = true, Content = [new TextContentBlock { Text = text }] };
}
