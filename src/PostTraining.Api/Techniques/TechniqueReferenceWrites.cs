using System.ComponentModel;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;
using TechniqueReferenceRow = PostTraining.Data.Entities.TechniqueReference;

namespace PostTraining.Api.Techniques;

/// <summary>A technique-reference link as served at <c>/api/v1/techniques/{slug}/references/{referenceSlug}</c>.</summary>
public sealed record TechniqueReferenceLink(string Technique, string Reference, string Role, string Url, string TechniqueUrl, string ReferenceUrl);

/// <summary>
/// Links between a technique and a reference are a sub-resource of the technique: POST on its references adds one,
/// and each link has its own URL to read, re-role (PUT with If-Match) and remove (DELETE with If-Match). A link's
/// ETag is the hash of its representation, computed from the row inside the write lock, so If-Match is exact.
/// </summary>
public static class TechniqueReferenceWrites
{
    /// <summary>The technique-reference links: cite, read, change the role of and stop citing a reference.</summary>
    public static IEndpointRouteBuilder MapTechniqueReferenceLinks(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/api/v1/techniques/{slug}/references").WithTags("Techniques").AddEndpointFilterFactory(QueryParameterGuard.Factory);
        WriteRoutes.Describe(links.MapPost("/", ([Description(WriteRoutes.SlugText)] string slug, HttpContext c, WriteSession s) => TechniqueReferenceWrites.CreateAsync(slug, c, s)),
                "LinkTechniqueReference", "Cite a reference for a technique", 201, typeof(TechniqueReferenceLink))
            .Accepts<ReferenceLinkContent>(JsonBody.Json)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        links.MapGet("/{referenceSlug}", ([Description(WriteRoutes.SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, HttpContext c, WriteSession s) => TechniqueReferenceWrites.GetAsync(slug, referenceSlug, c, s))
            .WithName("GetTechniqueReference")
            .WithSummary("One technique-reference link")
            .WithDescription("What the reference is to the technique, with the ETag that PUT and DELETE on the link take in If-Match.")
            .Produces<TechniqueReferenceLink>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        WriteRoutes.Describe(links.MapPut("/{referenceSlug}", ([Description(WriteRoutes.SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                    TechniqueReferenceWrites.UpdateAsync(slug, referenceSlug, c, s)),
                "UpdateTechniqueReference", "Change the role of a cited reference", 200, typeof(TechniqueReferenceLink))
            .Accepts<TechniqueReferenceRoleInput>(JsonBody.Json);
        WriteRoutes.Describe(links.MapDelete("/{referenceSlug}", ([Description(WriteRoutes.SlugText)] string slug, [Description("Slug of the cited reference.")] string referenceSlug, [FromHeader(Name = "If-Match")][Description(WriteRoutes.IfMatchText)] string? ifMatch, HttpContext c, WriteSession s) =>
                TechniqueReferenceWrites.DeleteAsync(slug, referenceSlug, c, s)),
            "UnlinkTechniqueReference", "Stop citing a reference for a technique", 204);
        return app;
    }

    public static async Task<IResult> GetAsync(string slug, string referenceSlug, HttpContext context, WriteSession session)
    {
        var link = await FindAsync(session, slug, referenceSlug);
        if (link is null)
        {
            return await session.MissingAsync(context, ChangeKinds.TechniqueReference, $"{slug}/{referenceSlug}");
        }

        return Answer(context, link, StatusCodes.Status200OK);
    }

    public static async Task<IResult> CreateAsync(string slug, HttpContext context, WriteSession session)
    {
        if (session.Directory.Find(ChangeKinds.Technique, slug) is null)
        {
            return await session.MissingAsync(context, NodeKind.Technique, ChangeKinds.Technique, slug);
        }

        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var input = StrictJson.Bind<ReferenceLinkContent>(body.Value!, errors);
        if (input is not null)
        {
            InputValidation.Validate(input, errors);
        }

        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        TechniqueReferenceLink? created = null;
        return await session.ExecuteAsync(context, async scope =>
        {
            var techniqueId = await scope.Db.Techniques.Where(t => t.Slug == slug).Select(t => (long?)t.Id).FirstOrDefaultAsync();
            var referenceId = await scope.Db.References.Where(r => r.Slug == input!.Reference).Select(r => (long?)r.Id).FirstOrDefaultAsync();
            if (techniqueId is null)
            {
                return Preconditions.Stale();
            }

            if (referenceId is null)
            {
                return Problems.Invalid("reference", $"There is no reference '{input!.Reference}'.");
            }

            var role = Wire.ReferenceRoles.Parse(input!.Role, ReferenceRole.Introduces);
            scope.Db.TechniqueReferences.Add(new TechniqueReferenceRow
            {
                TechniqueId = techniqueId.Value,
                ReferenceId = referenceId.Value,
                Role = role,
                Source = new Provenance { Kind = SourceKind.Api },
                CreatedAt = scope.Now,
            });
            await scope.Db.SaveChangesAsync(context.RequestAborted);
            created = Representation(slug, input.Reference!, role);
            scope.Record(ChangeOperations.Create, ChangeKinds.TechniqueReference, $"{slug}/{input.Reference}", null, State(created));
            return null;
        }, () => Answer(context, created!, StatusCodes.Status201Created, created!.Url));
    }

    public static async Task<IResult> UpdateAsync(string slug, string referenceSlug, HttpContext context, WriteSession session)
    {
        if (context.Request.Headers.IfMatch.Count == 0)
        {
            return Preconditions.CheckIfMatch(context.Request, "")!;
        }

        var body = await JsonBody.ReadObjectAsync(context.Request, JsonBody.Json);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        var input = StrictJson.Bind<TechniqueReferenceRoleInput>(body.Value!, errors);
        if (input is not null)
        {
            InputValidation.Validate(input, errors);
        }

        if (errors.HasErrors)
        {
            return Problems.Invalid(errors);
        }

        TechniqueReferenceLink? updated = null;
        return await ChangeAsync(slug, referenceSlug, context, session, async (scope, row, before) =>
        {
            var role = Wire.ReferenceRoles.Parse(input!.Role, ReferenceRole.Introduces);
            updated = Representation(slug, referenceSlug, role);
            if (role != row.Role)
            {
                await scope.Db.TechniqueReferences.Where(l => l.TechniqueId == row.TechniqueId && l.ReferenceId == row.ReferenceId)
                    .ExecuteUpdateAsync(s => s.SetProperty(l => l.Role, role));
                scope.Record(ChangeOperations.Update, ChangeKinds.TechniqueReference, $"{slug}/{referenceSlug}", State(before), State(updated));
            }
        }, () => Answer(context, updated!, StatusCodes.Status200OK));
    }

    public static Task<IResult> DeleteAsync(string slug, string referenceSlug, HttpContext context, WriteSession session) =>
        ChangeAsync(slug, referenceSlug, context, session, async (scope, row, before) =>
        {
            await scope.Db.TechniqueReferences.Where(l => l.TechniqueId == row.TechniqueId && l.ReferenceId == row.ReferenceId).ExecuteDeleteAsync();
            scope.Record(ChangeOperations.Delete, ChangeKinds.TechniqueReference, $"{slug}/{referenceSlug}", State(before), null);
        }, () => TypedResults.NoContent());

    private static async Task<IResult> ChangeAsync(
        string slug, string referenceSlug, HttpContext context, WriteSession session,
        Func<WriteScope, TechniqueReferenceRow, TechniqueReferenceLink, Task> change, Func<IResult> answer)
    {
        if (await FindAsync(session, slug, referenceSlug) is null)
        {
            return await session.MissingAsync(context, ChangeKinds.TechniqueReference, $"{slug}/{referenceSlug}");
        }

        if (context.Request.Headers.IfMatch.Count == 0)
        {
            return Preconditions.CheckIfMatch(context.Request, "")!;
        }

        return await session.ExecuteAsync(context, async scope =>
        {
            var row = await scope.Db.TechniqueReferences.AsNoTracking()
                .FirstOrDefaultAsync(l => l.Technique.Slug == slug && l.Reference.Slug == referenceSlug, context.RequestAborted);
            if (row is null)
            {
                return Preconditions.Stale();
            }

            // Compared under the write lock, against the row itself: no one can change the link in between.
            var before = Representation(slug, referenceSlug, row.Role);
            if (Preconditions.CheckIfMatch(context.Request, ETagOf(before)) is { } stale)
            {
                return stale;
            }

            await change(scope, row, before);
            return null;
        }, answer);
    }

    private static async Task<TechniqueReferenceLink?> FindAsync(WriteSession session, string slug, string referenceSlug)
    {
        var role = await session.Db.TechniqueReferences.AsNoTracking()
            .Where(l => l.Technique.Slug == slug && l.Reference.Slug == referenceSlug)
            .Select(l => (ReferenceRole?)l.Role)
            .FirstOrDefaultAsync();
        return role is null ? null : Representation(slug, referenceSlug, role.Value);
    }

    private static TechniqueReferenceLink Representation(string technique, string reference, ReferenceRole role) => new(
        technique,
        reference,
        Wire.ReferenceRoles.Name(role),
        $"/api/v1/techniques/{technique}/references/{reference}",
        $"/api/v1/techniques/{technique}",
        $"/api/v1/references/{reference}");

    private static TechniqueReferenceContent State(TechniqueReferenceLink link) => new() { Technique = link.Technique, Reference = link.Reference, Role = link.Role };

    private static byte[] Bytes(TechniqueReferenceLink link) => JsonSerializer.SerializeToUtf8Bytes(link, StrictJson.Options);

    private static string ETagOf(TechniqueReferenceLink link) => $"\"{Convert.ToHexStringLower(SHA256.HashData(Bytes(link)))[..32]}\"";

    private static IResult Answer(HttpContext context, TechniqueReferenceLink link, int status, string? location = null)
    {
        if (location is not null)
        {
            context.Response.Headers.Location = AbsoluteUrl.For(context.Request, location);
        }

        context.Response.Headers.ETag = ETagOf(link);
        return TypedResults.Json(link, StrictJson.Options, "application/json; charset=utf-8", status);
    }
}
