namespace PostTraining.Api.RateLimiting;

/// <summary>
/// The rate-limit header fields every limited answer carries (draft-ietf-httpapi-ratelimit-headers, the
/// RateLimit-Limit / -Remaining / -Reset form most clients read): the window's size, what is left and when it resets.
/// </summary>
public static class RateLimitHeaders
{
    public const string Limit = "RateLimit-Limit";
    public const string Remaining = "RateLimit-Remaining";
    public const string Reset = "RateLimit-Reset";
}
