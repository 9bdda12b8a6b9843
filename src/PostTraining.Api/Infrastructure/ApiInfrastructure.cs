using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using PostTraining.Api.Http;
using PostTraining.Api.Infrastructure.OpenApi;
using PostTraining.Data.Content;

namespace PostTraining.Api.Infrastructure;

public static class ApiInfrastructure
{
    /// <summary>JSON settings every response uses: camelCase, enums as strings, CJK written as characters.</summary>
    public static void AddApiInfrastructure(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        builder.AddHostRefusal();

        // Binding failures become exceptions so the handler can answer 400 problem+json naming the parameter.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            // One style for every problem, whoever wrote it: the status's page as type (the framework's defaults mix
            // RFC 9110 section links with none), and a sentence-case title ("Method not allowed", not "Method Not Allowed").
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Type = $"https://httpstatuses.io/{status}";
            var phrase = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
            if (ctx.ProblemDetails.Title is null || string.Equals(ctx.ProblemDetails.Title, phrase, StringComparison.Ordinal))
            {
                ctx.ProblemDetails.Title = phrase.Length == 0 ? null : phrase[0] + phrase[1..].ToLowerInvariant();
            }
            if (status == StatusCodes.Status400BadRequest && ctx.ProblemDetails.Detail is null && HostRefusal.Detail(ctx.HttpContext) is { } refused)
            {
                ctx.ProblemDetails.Detail = refused;
            }

            if (ctx.ProblemDetails.Status == StatusCodes.Status415UnsupportedMediaType && ctx.ProblemDetails.Detail is null
                && AcceptedMediaTypes.For(ctx.HttpContext) is { Count: > 0 } accepted)
            {
                ctx.ProblemDetails.Detail =
                    $"This operation takes {string.Join(" or ", accepted.Select(t => $"'{t}'"))}; the request sent '{ctx.HttpContext.Request.ContentType ?? "no Content-Type"}'.";
            }
        });
        builder.Services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();

        // Reads are public: any origin may GET them and see the validators and links they carry.
        builder.Services.AddCors(o => o.AddDefaultPolicy(p => p
            .AllowAnyOrigin()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .WithHeaders("Accept", "Accept-Language", "If-None-Match", "Content-Type", ConsistencyTokens.Header)
            .WithExposedHeaders("ETag", "Location", "Link", "Retry-After", ConsistencyTokens.Header, ConsistencyTokens.SnapshotHeader)));

        // After every feature's filters (the key filter adds 401 and 403), so each response gets its headers.
        builder.Services.PostConfigure<SwaggerGenOptions>(o => o.OperationFilter<HttpContractOperationFilter>());
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "PostTraining API",
                Version = "v1",
                Description = OpenApiDescription.Text,
                Contact = new OpenApiContact { Name = "PostTraining API maintainers" },
                License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
            });
            // Relative, so "Try it out" and generated clients talk to whatever host served the document.
            o.AddServer(new OpenApiServer
            {
                Url = "/",
                Description = "The server that served this document, in whichever environment it runs (production, staging or local).",
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(false)) },
            });
            o.DescribeAllParametersInCamelCase();
            // The schema follows the records' C# nullability: a non-nullable member is required (HonestSchemaFilter
            // adds value types and drops null, which the serializer never writes).
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.SchemaFilter<HonestSchemaFilter>();
            o.OperationFilter<ReadOperationFilter>();
            o.DocumentFilter<ReadDocumentFilter>();
            o.OrderActionsBy(api => $"{ReadDocumentFilter.Rank(api.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.ITagsMetadata>().FirstOrDefault()?.Tags.FirstOrDefault()):D2} {api.RelativePath}");
            // The content contract's records keep the schema names the write bodies have always had.
            var schemaId = o.SchemaGeneratorOptions.SchemaIdSelector;
            o.CustomSchemaIds(t => ContractSchemaNames.TryGetValue(t, out var name) ? name : schemaId(t));
            foreach (var assembly in new[] { "PostTraining.Api.xml", "PostTraining.Data.xml" })
            {
                var xml = Path.Combine(AppContext.BaseDirectory, assembly);
                if (File.Exists(xml))
                {
                    o.IncludeXmlComments(xml);
                }
            }
        });
    }

    private static readonly Dictionary<Type, string> ContractSchemaNames = new()
    {
        [typeof(ParadigmContent)] = "ParadigmInput",
        [typeof(TechniqueContent)] = "TechniqueInput",
        [typeof(ReferenceContent)] = "ReferenceInput",
        [typeof(RelationshipContent)] = "RelationshipInput",
        [typeof(ReferenceLinkContent)] = "TechniqueReferenceInput",
    };

    public static void UseApiInfrastructure(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHostRefusal();
        app.UseCors();
        app.UseMiddleware<OpenApiDocumentCache>();

        // Swagger is part of the product (people explore the API with it), so it is served in every environment.
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        // The conventional address of the same document (what ASP.NET Core's own OpenAPI support and most tools expect).
        app.UseSwagger(o =>
        {
            o.RouteTemplate = "openapi/{documentName}.json";
            o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
        });
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/swagger/v1/swagger.json", "PostTraining API v1");
            o.DocumentTitle = "PostTraining API — taxonomy of LLM post-training";
            // Links such as /swagger#/Search/search open the operation directly.
            o.EnableDeepLinking();
            o.DisplayOperationId();
            o.DisplayRequestDuration();
            o.EnableFilter();
            o.EnableTryItOutByDefault();
            o.DefaultModelsExpandDepth(0);
        });
    }
}
