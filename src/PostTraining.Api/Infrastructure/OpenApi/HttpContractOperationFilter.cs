using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using PostTraining.Api.Http;
using PostTraining.Api.RateLimiting;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Infrastructure.OpenApi;

/// <summary>
/// The HTTP contract every operation shares, declared where the service applies it: the validators and caching
/// headers of reads (and <c>If-None-Match</c>), <c>If-Match</c> on changes, <c>Location</c> on creates and
/// redirects, the challenge of a 401/403, 429 with <c>Retry-After</c> and the limit headers on every /api/v1
/// operation (the limiter covers them all), 503 with <c>Retry-After</c> on every one (each reads the snapshot or the
/// database), and <c>security: []</c> on the public ones. The header definitions live once, in components.
/// </summary>
internal sealed class HttpContractOperationFilter : IOperationFilter
{
    private static readonly (string Name, string Description, bool Number)[] Headers =
    [
        ("ETag", "Strong validator of this representation; send it back in If-None-Match (reads) or If-Match (changes).", false),
        ("Cache-Control", "'public, no-cache' on reads (store, but revalidate: a 304 is cheap); 'no-store' on answers carrying secrets.", false),
        ("Access-Control-Allow-Origin", "'*' when the request carries Origin: any site may read (writes are same-origin only).", false),
        ("Vary", "Accept-Encoding when the body may be compressed, Accept where the representation depends on it.", false),
        ("Link", "RFC 8288 link to the next page, <url>; rel=\"next\", the same URL as the body's next; absent on the last page.", false),
        ("Location", "Absolute URL of the created resource, or of the resource's new address on a 308.", false),
        ("WWW-Authenticate", "Bearer challenge; error=\"invalid_token\" or error=\"insufficient_scope\" (with the scope needed) says why.", false),
        ("Retry-After", "Seconds to wait before retrying: until the rate-limit window resets (429) or the service expects to answer again (503).", true),
        (RateLimitHeaders.Limit, "Requests allowed in the current window (IETF draft RateLimit header fields).", true),
        (RateLimitHeaders.Remaining, "Requests left in the current window.", true),
        (RateLimitHeaders.Reset, "Seconds until the current window resets.", true),
        (ConsistencyTokens.Header, "The write's consistency token: the primary's WAL position after its commit, as PostgreSQL prints an LSN (e.g. 0/16B3748). " +
            "Send it back in the X-Consistency-Token header of a read and any replica answers only once its snapshot includes this write (or 503 with Retry-After). " +
            "写入的一致性令牌：提交后主库的 WAL 位置；在读请求的同名请求头中带回，任何副本都只在其快照包含此写入后才回答。", false),
        (ConsistencyTokens.SnapshotHeader, "The WAL position (LSN, e.g. 0/16B3748) the answering snapshot includes every commit up to; a token too: sent back in " +
            "X-Consistency-Token it keeps later reads on other replicas from going back in time. 作答快照所包含的 WAL 位置（LSN）。", false),
    ];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var document = context.Document;
        DeclareHeaders(document);
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var path = "/" + (context.ApiDescription.RelativePath ?? "");
        var isRead = HttpMethods.IsGet(method);
        var honoursTokens = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ConsistencyFilter.Marker>().Any();
        var isApiWrite = !isRead && path.StartsWith(ReadApi.Prefix + "/", StringComparison.Ordinal);
        // A paged list takes a limit and answers a body with next; its 200 answers carry the Link header beside it.
        var pages = context.ApiDescription.ParameterDescriptions.Any(p => string.Equals(p.Name, "limit", StringComparison.OrdinalIgnoreCase))
            && context.ApiDescription.SupportedResponseTypes.Any(r => r.StatusCode == StatusCodes.Status200OK && r.Type?.GetProperty("Next") is not null);
        operation.Responses ??= [];
        operation.Parameters ??= [];
        // A live stream (text/event-stream) has no representation to validate: no ETag, no 304, no If-None-Match.
        var isStream = operation.Responses.TryGetValue("200", out var streamed) && streamed.Content?.Keys.All(k => k == "text/event-stream") == true && streamed.Content.Count > 0;

        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        Dictionary<string, IOpenApiMediaType> ProblemContent() => new() { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } };

        if (honoursTokens)
        {
            const string Unavailable = "Service unavailable: the taxonomy is still loading, the database cannot be reached, or this replica's snapshot " +
                "does not include the X-Consistency-Token sent yet (its read source lags); Retry-After says when to ask again.";
            if (operation.Responses.TryGetValue("503", out var declared) && declared is OpenApiResponse unavailable)
            {
                unavailable.Description = Unavailable;
            }
            else
            {
                operation.Responses["503"] = new OpenApiResponse { Description = Unavailable, Content = ProblemContent() };
            }
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = ConsistencyTokens.Header,
                In = ParameterLocation.Header,
                Description = "A token from a write's answer (or a read's X-Snapshot-Lsn): the answer then includes that write, waiting briefly for this " +
                    "replica to catch up, else 503 with Retry-After. Malformed, or past the primary's position: 400. " +
                    "写入应答中的一致性令牌：回答必包含该写入，否则 503。",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}$", MaxLength = 17 },
            });
        }

        if (path.StartsWith(ReadApi.Prefix + "/", StringComparison.Ordinal))
        {
            operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Too many requests: the client's rate limit for this window is used up.", Content = ProblemContent() });
            operation.Responses.TryAdd("503", new OpenApiResponse { Description = "Service unavailable: the taxonomy is still loading or the database cannot be reached.", Content = ProblemContent() });
        }

        if (isRead && !isStream && operation.Responses.ContainsKey("200"))
        {
            operation.Responses.TryAdd("304", new OpenApiResponse { Description = "Not modified: the representation still has the ETag given in If-None-Match." });
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-None-Match",
                In = ParameterLocation.Header,
                Description = "An ETag this client holds; when it is still current the answer is 304 with no body.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1024 },
            });
        }

        if (operation.Responses.ContainsKey("428"))
        {
            // The handlers bind If-Match themselves (and camelCasing renamed it); one declaration, by its HTTP name.
            foreach (var bound in operation.Parameters.Where(p => string.Equals(p.Name, "If-Match", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                operation.Parameters.Remove(bound);
            }

            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = true,
                Description = "The ETag of the entity as last read; 428 without it, 412 when it is stale.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 1024 },
            });
        }

        foreach (var (status, value) in operation.Responses)
        {
            if (value is not OpenApiResponse response)
            {
                continue;
            }

            var names = (status, isRead) switch
            {
                ("200", true) when isStream => ["Cache-Control", "Access-Control-Allow-Origin"],
                ("200", true) or ("304", _) => ["ETag", "Cache-Control", "Vary", "Access-Control-Allow-Origin"],
                ("200", false) when !HttpMethods.IsPost(method) => ["ETag"],
                ("201", _) => ["Location", "ETag"],
                ("308", _) => ["Location"],
                ("401" or "403", _) => ["WWW-Authenticate"],
                ("429" or "503", _) => ["Retry-After"],
                _ => Array.Empty<string>(),
            };
            if (status == "200" && isRead && pages)
            {
                names = [.. names, "Link"];
            }

            if (honoursTokens && status is "200" or "304")
            {
                names = [.. names, ConsistencyTokens.SnapshotHeader];
            }
            else if (isApiWrite && status[0] == '2')
            {
                names = [.. names, ConsistencyTokens.Header];
            }

            if (status == "429")
            {
                names = [.. names, RateLimitHeaders.Limit, RateLimitHeaders.Remaining, RateLimitHeaders.Reset];
            }
            else if (status[0] is '2' or '4' && path.StartsWith(ReadApi.Prefix + "/", StringComparison.Ordinal))
            {
                // The limiter admitted (or counted) the request, so it says how much of the window is left.
                names = [.. names, RateLimitHeaders.Limit, RateLimitHeaders.Remaining, RateLimitHeaders.Reset];
            }

            foreach (var name in names)
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers.TryAdd(name, new OpenApiHeaderReference(name, document));
            }
        }

        // Reads need no key: say so explicitly, so tools do not assume a document-wide requirement.
        if (operation.Security is not { Count: > 0 })
        {
            operation.Security = [];
        }
    }

    private static void DeclareHeaders(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, description, number) in Headers)
        {
            document.Components.Headers.TryAdd(name, new OpenApiHeader
            {
                Description = description,
                Schema = number
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0", Maximum = "86400" }
                    : new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2048 },
            });
        }
    }
}
