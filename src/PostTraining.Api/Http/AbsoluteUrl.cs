namespace PostTraining.Api.Http;

/// <summary>The configured public origin of the service (<c>PublicBaseUrl</c>), or none: then links follow the request.</summary>
public sealed record PublicBaseUrl(string? Value);

public static class AbsoluteUrl
{
    public const string ConfigurationKey = "PublicBaseUrl";

    /// <summary>
    /// Where absolute links start: <c>PublicBaseUrl</c> when it is set, so no request's <c>Host</c> header can rewrite
    /// them; otherwise the request's scheme and host (which the forwarded-headers middleware sets from a trusted proxy,
    /// and host filtering restricts to <c>AllowedHosts</c>).
    /// </summary>
    public static string Origin(HttpRequest request) =>
        request.HttpContext.RequestServices.GetService<PublicBaseUrl>()?.Value ?? $"{request.Scheme}://{request.Host}{request.PathBase}";

    /// <summary>An absolute URL on this service for a root-relative path.</summary>
    public static string For(HttpRequest request, string pathAndQuery) => Origin(request) + pathAndQuery;

    /// <summary>Reads and checks <c>PublicBaseUrl</c>; a value that is not an absolute http(s) URL stops start-up.</summary>
    public static PublicBaseUrl FromConfiguration(IConfiguration configuration)
    {
        var value = configuration[ConfigurationKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return new PublicBaseUrl(null);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{ConfigurationKey} must be an absolute http or https URL without query, fragment or credentials, e.g. https://api.example.org; got '{value}'.");
        }

        return new PublicBaseUrl(value.TrimEnd('/'));
    }
}
