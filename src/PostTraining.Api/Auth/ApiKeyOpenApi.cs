using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace PostTraining.Api.Auth;

/// <summary>
/// Declares the key as security schemes (so Swagger UI shows Authorize) and marks exactly the operations the key
/// middleware guards, using the same rule, so the document and the enforcement cannot disagree.
/// </summary>
internal sealed class ApiKeyOpenApi : IOperationFilter
{
    public const string BearerScheme = "bearer";
    public const string HeaderScheme = "apiKeyHeader";

    public static void Configure(SwaggerGenOptions options)
    {
        options.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "pt_<prefix>_<secret>",
            Description = "An API key, sent as 'Authorization: Bearer <key>'. Reads need none (except /api/v1/keys); writes need the 'write' scope, key management 'admin'.",
        });
        options.AddSecurityDefinition(HeaderScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-Api-Key",
            Description = "The same API key, sent as 'X-Api-Key: <key>' instead.",
        });
        options.OperationFilter<ApiKeyOpenApi>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var explicitScope = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<RequiredScopeMetadata>().LastOrDefault()?.Scope;
        var scope = explicitScope ?? (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? null : ApiScopes.Write);
        if (scope is null)
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, context.Document)] = [] });

        operation.Responses ??= [];
        // Problem details like every other error, so clients parse one shape.
        var problem = context.SchemaGenerator.GenerateSchema(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), context.SchemaRepository);
        Dictionary<string, IOpenApiMediaType> Content() => new() { ["application/problem+json"] = new OpenApiMediaType { Schema = problem } };
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or one that is unknown, expired or revoked.", Content = Content() });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = $"The key lacks the '{scope}' scope.", Content = Content() });
        operation.Description = $"{operation.Description}\n\nNeeds an API key with the '{scope}' scope.".TrimStart();
    }
}
