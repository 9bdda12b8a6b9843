namespace PostTraining.Api.Http;

public static class AbsoluteUrl
{
    /// <summary>
    /// An absolute URL on this service for a root-relative path, from the request's scheme and host (which the
    /// forwarded-headers middleware sets from a trusted proxy).
    /// </summary>
    public static string For(HttpRequest request, string pathAndQuery) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{pathAndQuery}";
}
