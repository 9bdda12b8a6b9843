using System.ComponentModel;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Auth;

/// <summary>Key management: create (the secret is shown once), list, show and revoke. Every method needs 'admin'.</summary>
public static partial class ApiKeyEndpoints
{
    private const int NameMax = 100;

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    public static IEndpointRouteBuilder MapApiKeys(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/keys")
            .WithTags("Keys")
            .RequireScope(ApiScopes.Admin)
            .AddEndpointFilterFactory(QueryParameterGuard.Factory)
            .AddEndpointFilter<ETaggedJsonFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapPost("/", CreateAsync)
            .WithName("CreateApiKey")
            .WithSummary("Create an API key")
            .WithDescription("Creates a key with the given scopes and returns its secret. The secret is shown only in this response: store it now.")
            .Accepts<CreateApiKeyRequest>(JsonBody.Json)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        keys.MapGet("/", ListAsync)
            .WithName("ListApiKeys")
            .WithSummary("List API keys")
            .WithDescription("Every key with its scopes, expiry, revocation and when it was last used (to the minute). Secrets are never listed.");

        keys.MapGet("/{id:long}", GetAsync)
            .WithName("GetApiKey")
            .WithSummary("Show one API key")
            .WithDescription("One key without its secret.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        keys.MapDelete("/{id:long}", RevokeAsync)
            .WithName("RevokeApiKey")
            .WithSummary("Revoke an API key")
            .WithDescription("The key stops working at once, in every process. It stays listed, with its revocation time, so its changes keep a named author.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext context, PostTrainingDbContext db, TimeProvider clock)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var request = StrictJson.Bind<CreateApiKeyRequest>(body.Value!, errors);
        var now = clock.GetUtcNow();
        if (request is not null)
        {
            Validate(request, now, errors);
        }

        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        var generated = ApiKeySecret.Generate();
        var key = new ApiKey
        {
            Name = request!.Name!,
            Prefix = generated.Prefix,
            Salt = generated.Salt,
            Hash = generated.Hash,
            Scopes = [.. request.Scopes!.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            CreatedBy = context.RequireApiCaller().Name,
        };
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException e) when (PostgresErrors.IsUniqueViolation(e, out var constraint) && constraint == "ix_api_keys_name")
        {
            return TypedResults.Problem($"A key named '{key.Name}' exists already; key names are unique.", statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }

        context.Response.Headers.CacheControl = "no-store";
        CommitPosition.Answer(context.Response, await CommitPosition.ReadAsync(db, context.RequestAborted));
        var url = $"/api/v1/keys/{key.Id}";
        return TypedResults.Created(AbsoluteUrl.For(context.Request, url), new CreatedApiKeyResponse(
            key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedAt, key.CreatedBy, key.ExpiresAt, generated.Secret, url));
    }

    private static async Task<Ok<ApiKeyList>> ListAsync(HttpContext context, PostTrainingDbContext db, TimeProvider clock)
    {
        var keys = await db.ApiKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(context.RequestAborted);
        var now = clock.GetUtcNow();
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new ApiKeyList([.. keys.Select(k => k.ToResponse(now))]));
    }

    private static async Task<Results<Ok<ApiKeyResponse>, ProblemHttpResult>> GetAsync([Description("Key id.")] long id, HttpContext context, PostTrainingDbContext db, TimeProvider clock)
    {
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return key is null ? NotFound(id) : TypedResults.Ok(key.ToResponse(clock.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync([Description("Key id.")] long id, HttpContext context, PostTrainingDbContext db, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        // Revoking twice keeps the first revocation time and still answers 204: the key is revoked either way.
        var updated = await db.ApiKeys.Where(k => k.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, k => k.RevokedAt ?? now), context.RequestAborted);
        if (updated == 0)
        {
            return NotFound(id);
        }

        CommitPosition.Answer(context.Response, await CommitPosition.ReadAsync(db, context.RequestAborted));
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem($"There is no API key with id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    private static void Validate(CreateApiKeyRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        Rules.Text(errors, "name", request.Name, NameMax, required: true);
        if (request.Name is { Length: > 0 and <= NameMax } name && !errors.HasErrors)
        {
            if (!NamePattern().IsMatch(name))
            {
                errors.Add("name", "Letters, digits, spaces and . _ @ - only, starting with a letter or digit.");
            }
            else if (name is ApiCaller.BootstrapName or ApiCaller.ImportName)
            {
                errors.Add("name", $"'{name}' is reserved: the change feed uses it for the bootstrap key and the seed loader.");
            }
        }

        if (request.Scopes is not { Count: > 0 } scopes)
        {
            errors.Add("scopes", "Required: at least one of write, admin.");
        }
        else if (scopes.Count > ApiScopes.All.Count * 2 || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            errors.Add("scopes", "Each scope must be 'write' or 'admin'.");
        }

        if (request.ExpiresAt is { } expires)
        {
            if (expires <= now)
            {
                errors.Add("expiresAt", "Must be in the future.");
            }
            else if (expires > now.AddYears(5))
            {
                errors.Add("expiresAt", "At most five years ahead.");
            }
        }
    }
}
