using Microsoft.AspNetCore.Http.HttpResults;

namespace PostTraining.Api.Http;

/// <summary>If-Match on changes: required (428 without), compared strongly with the current ETag (412 when stale).</summary>
public static class Preconditions
{
    public static ProblemHttpResult? CheckIfMatch(HttpRequest request, string currentETag)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return TypedResults.Problem(
                "Changing this entity needs an If-Match header with its current ETag (GET it first), so that no one else's change is overwritten unseen.",
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "Precondition required");
        }

        foreach (var value in header.SelectMany(v => (v ?? "").Split(',')).Select(v => v.Trim()))
        {
            // Strong comparison (RFC 9110 13.1.1): a weak tag never matches.
            if (value == "*" || string.Equals(value, currentETag, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return Stale();
    }

    public static ProblemHttpResult Stale() =>
        TypedResults.Problem(
            "The entity changed since the ETag in If-Match was issued. GET it again, reapply your change, and send the new ETag.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed");
}
