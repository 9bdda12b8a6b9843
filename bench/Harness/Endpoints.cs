namespace PostTraining.Bench;

/// <summary>
/// One read endpoint of the benchmark: the API's request target (the ceiling serves the same target) and the
/// json-server route that answers the same question over the exported file (search: json-server's full-text
/// <c>q</c> over the same fields, cut to the API's default of 20 results).
/// </summary>
public sealed record Endpoint(string Name, string Label, string ApiTarget, string JsonServerTarget, double CeilingTarget)
{
    // q=偏好 ("preference"), percent-encoded as a client sends it.
    private const string Preference = "%E5%81%8F%E5%A5%BD";

    public static IReadOnlyList<Endpoint> All { get; } =
    [
        new("taxonomy", "GET /api/v1/taxonomy", "/api/v1/taxonomy", "/taxonomy", 0.6),
        new("detail", "GET /api/v1/techniques/dpo", "/api/v1/techniques/dpo", "/techniques/dpo", 0.6),
        new("list", "GET /api/v1/techniques?paradigm=alignment", "/api/v1/techniques?paradigm=alignment", "/technique-summaries?paradigm=alignment", 0.3),
        new("search", "GET /api/v1/search?q=偏好", $"/api/v1/search?q={Preference}", $"/entities?q={Preference}&_limit=20", 0.3),
        new("paths", "GET /api/v1/paths?from=dpo&to=ppo", "/api/v1/paths?from=dpo&to=ppo", "/paths?query.from=dpo&query.to=ppo", 0.3),
    ];

    /// <summary>Every read endpoint should serve at least this many times json-server's requests/s (issue 6).</summary>
    public const double JsonServerRatioTarget = 5.0;
}
