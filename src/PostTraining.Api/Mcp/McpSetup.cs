using PostTraining.Api.RateLimiting;

namespace PostTraining.Api.Mcp;

/// <summary>
/// The Model Context Protocol endpoint at <c>/mcp</c> (Streamable HTTP, JSON-RPC), for agents: the tools in
/// <see cref="TaxonomyTools"/>. Stateless: every POST carries a whole exchange and no session is kept, because the
/// tools only read and never call back into the client (no sampling, elicitation or notifications), and because the
/// API keeps no state between requests so replicas behind a load balancer answer any request without sticky sessions.
/// Open like the reads it mirrors (no key), counted by the read rate limit, and left out of the OpenAPI document: it is
/// not a REST resource (the API contract exempts it from problem+json and ETags).
/// </summary>
public static class McpSetup
{
    public const string Path = "/mcp";

    public static void AddMcp(this WebApplicationBuilder builder)
    {
        // The tools hand the current request to handlers that negotiate content from it.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddMcpServer(o =>
            {
                o.ServerInfo = new ModelContextProtocol.Protocol.Implementation { Name = "posttraining-api", Title = "PostTraining API", Version = "v1" };
                o.ServerInstructions =
                    "The taxonomy of LLM post-training (fine-tuning, alignment, reasoning, efficiency, integration and adaptation): " +
                    "techniques, methods, references and typed relationships, in English and Chinese. Start with search to find a " +
                    "slug, then get_technique, get_reference, get_neighbors, find_paths or get_bibtex; list_comparisons and " +
                    "get_comparison give the survey's method-comparison tables. Read-only.";
            })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools([typeof(TaxonomyTools)]);
    }

    public static void MapMcpEndpoint(this WebApplication app) =>
        app.MapMcp(Path)
            .AllowAnonymous()
            .WithMetadata(new ReadRateLimitMetadata())
            .ExcludeFromDescription();
}
