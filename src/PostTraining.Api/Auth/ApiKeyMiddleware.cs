using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace PostTraining.Api.Auth;

/// <summary>
/// The one place where keys are enforced. It runs after routing and looks at the matched endpoint: every route
/// endpoint answering a method other than GET, HEAD or OPTIONS needs a key with the <c>write</c> scope, unless its
/// metadata asks for more (<see cref="RequiredScopeMetadata"/>), so a new write endpoint is protected without
/// anyone remembering to. Requests that matched no route endpoint (unknown path, or routing's own 405 endpoint) pass
/// through untouched, so they still answer 404 and 405 whoever asks.
/// </summary>
internal sealed partial class ApiKeyMiddleware(RequestDelegate next, ILogger<ApiKeyMiddleware> logger)
{
    private const string Challenge = "Bearer realm=\"PostTraining API\"";

    public async Task InvokeAsync(HttpContext context, ApiKeyAuthenticator authenticator, IProblemDetailsService problems)
    {
        var required = RequiredScope(context);
        if (required is null)
        {
            await next(context);
            return;
        }

        var presented = ReadCredential(context.Request);
        if (presented is null)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, "no key");
            context.Response.Headers.WWWAuthenticate = Challenge;
            await WriteProblemAsync(context, problems, StatusCodes.Status401Unauthorized, "Unauthorized",
                "This request needs an API key: send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            return;
        }

        var check = await authenticator.CheckAsync(presented, context.RequestAborted);
        if (check.Caller is not { } caller)
        {
            LogRefused(logger, context.Request.Method, context.Request.Path, check.Failure!);
            context.Response.Headers.WWWAuthenticate = $"{Challenge}, error=\"invalid_token\", error_description=\"{check.Failure}\"";
            await WriteProblemAsync(context, problems, StatusCodes.Status401Unauthorized, "Unauthorized", check.Failure!);
            return;
        }

        if (!ApiScopes.Grants(caller.Scopes, required))
        {
            LogForbidden(logger, context.Request.Method, context.Request.Path, caller.Name, required);
            context.Response.Headers.WWWAuthenticate = $"{Challenge}, error=\"insufficient_scope\", scope=\"{required}\"";
            await WriteProblemAsync(context, problems, StatusCodes.Status403Forbidden, "Forbidden",
                $"The key '{caller.Name}' lacks the '{required}' scope this request needs.");
            return;
        }

        context.Features.Set(caller);
        context.User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, caller.Name), .. caller.Scopes.Select(s => new Claim("scope", s))],
            authenticationType: "ApiKey"));
        await next(context);
    }

    /// <summary>The scope the matched endpoint needs, or null when it needs no key.</summary>
    internal static string? RequiredScope(HttpContext context)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
        {
            return null;
        }

        // An endpoint that only refuses (e.g. a 405 for a path's other methods) says so with AllowAnonymous.
        if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
        {
            return null;
        }

        if (endpoint.Metadata.GetMetadata<RequiredScopeMetadata>() is { } metadata)
        {
            return metadata.Scope;
        }

        var method = context.Request.Method;
        return HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) ? null : ApiScopes.Write;
    }

    private static string? ReadCredential(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization[bearer.Length..].Trim();
            return token.Length == 0 ? null : token;
        }

        var apiKey = request.Headers["X-Api-Key"].ToString().Trim();
        return apiKey.Length == 0 ? null : apiKey;
    }

    private static async Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[HeaderNames.CacheControl] = "no-store";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    // The key itself is never logged; only the reason it was refused, or the refused key's name.
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Method} {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Forbade {Method} {Path} to key {KeyName}: needs scope {Scope}")]
    private static partial void LogForbidden(ILogger logger, string method, PathString path, string keyName, string scope);
}
