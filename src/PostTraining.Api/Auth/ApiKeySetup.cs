using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PostTraining.Api.Auth;

public static class ApiKeySetup
{
    public static void AddApiKeys(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ApiKeyAuthenticator>();
        builder.Services.AddSwaggerGen(ApiKeyOpenApi.Configure);
    }

    /// <summary>Must run after routing (it reads the matched endpoint) and before the endpoints execute.</summary>
    public static void UseApiKeys(this WebApplication app) => app.UseMiddleware<ApiKeyMiddleware>();
}
