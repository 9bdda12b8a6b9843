using System.ComponentModel;
using System.Text;
using PostTraining.Api.Changes;
using PostTraining.Api.Http;
using PostTraining.Api.Writes;
using PostTraining.Data.Bibliography;
using PostTraining.Data.Content;

namespace PostTraining.Api.References;

/// <summary>
/// <c>POST /api/v1/references/import</c>: a BibTeX file in, a report out. The file is read whole first: a syntax error
/// or a citation key used twice refuses it (400, every problem with its line) before anything is written. Then each
/// entry is created, matched to the reference it already is, or listed as a conflict, in one write transaction
/// (<see cref="WriteSession"/>: the write lock, a change-feed row per created reference, a snapshot refresh).
/// </summary>
public static class ReferenceImportEndpoints
{
    public const string MediaType = "application/x-bibtex";
    public const int MaxBytes = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapReferenceImport(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/references/import", ImportAsync)
            .WithTags("References")
            .WithName("ImportReferences")
            .WithSummary("Import references from a BibTeX file")
            .WithDescription(
                "Reads a BibTeX file (`Content-Type: application/x-bibtex`, UTF-8, at most 5 MB): braces and quotes, `@string` " +
                "macros and `#`, month macros, `@comment` and `@preamble`, LaTeX accents and escapes, `and others`; arXiv ids " +
                "from `eprint`, an `arXiv preprint arXiv:...` journal or the URL; DOIs from `doi` or a doi.org URL. Each entry is " +
                "compared with the references that exist (and the file's earlier entries) by arXiv id, then DOI, then normalised " +
                "title with years at most one apart, and is `created`, `matched` (the same record: its slug is given), " +
                "`conflicting` (the same work with another title, year or author list: listed with both records, not " +
                "overwritten) or `error` (e.g. no title). A created reference's year is its first public release (an arXiv " +
                "id's year); the venue keeps the venue. Everything is written in one transaction; `?dryRun=true` answers the " +
                "same report and writes nothing. A file with a syntax error (an unbalanced brace, an unknown macro) or a " +
                "citation key used twice writes nothing and answers 400 with each problem and its line.")
            .Accepts<string>(MediaType)
            .Produces<BibtexImportReport>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AddEndpointFilterFactory(QueryParameterGuard.Factory);

        // The same handler for every other Content-Type, below the one above, so a request of any type meets the key
        // check first (401 before 415, as every write answers) and the handler's 415 names the type it takes.
        app.MapPost("/api/v1/references/import", ImportAsync)
            .WithOrder(1)
            .ExcludeFromDescription()
            .AddEndpointFilterFactory(QueryParameterGuard.Factory);

        // Without this, GET /references/import would be taken as the reference with slug 'import' (a 404): the
        // path is the import's, so any other method is a 405 naming POST, as routing answers elsewhere.
        app.MapMethods("/api/v1/references/import", ["GET", "HEAD", "PUT", "PATCH", "DELETE"], (HttpContext context) =>
            {
                context.Response.Headers.Allow = "POST";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status405MethodNotAllowed,
                    title: "Method not allowed",
                    detail: "This path takes POST only (a BibTeX file to import).");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ImportAsync(
        HttpContext context,
        WriteSession session,
        [Description("Answer the report without writing anything.")] bool? dryRun)
    {
        var (text, problem) = await ReadBodyAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = BibtexParser.Parse(text!);
        if (!parsed.Succeeded)
        {
            return Refused(parsed.Errors);
        }

        var writer = new ReferenceWriter();
        var options = new BibtexImportOptions { Document = "BibTeX import", Validate = Validate };

        // Plan outside the write lock first: a dry run, or a file of works that all exist, then writes nothing at all
        // (and costs no snapshot refresh). Otherwise the import runs again inside the write transaction, so it decides
        // on what the database holds under the lock.
        var plan = await new BibtexImporter(session.Db).ImportAsync(parsed, options with { DryRun = true }, context.RequestAborted);
        if (dryRun == true || plan.Counts.Created == 0)
        {
            return TypedResults.Ok(plan with { DryRun = dryRun == true });
        }

        BibtexImportReport? report = null;
        return await session.ExecuteAsync(context, async scope =>
        {
            report = await new BibtexImporter(scope.Db).ImportAsync(parsed, options with
            {
                Author = scope.Author,
                Now = scope.Now,
                // The feed records what a single POST /api/v1/references records: the reference's writable representation.
                RecordCreate = r => scope.Record(ChangeOperations.Create, writer.ChangeKind, r.Slug, null, writer.ToInputAsync(scope, r).GetAwaiter().GetResult()),
            }, context.RequestAborted);
            return null;
        }, () => TypedResults.Ok(report));
    }

    /// <summary>The API's own checks of a reference (lengths, year range, URL, DOI), so an import stores nothing a POST would refuse.</summary>
    private static IReadOnlyList<string> Validate(BibtexEntry entry, int? year)
    {
        var errors = new ValidationErrors();
        var input = new ReferenceContent
        {
            Title = entry.Title,
            Authors = entry.Authors,
            AuthorsTruncated = entry.AuthorsTruncated,
            Year = year,
            Venue = entry.Venue,
            Url = entry.Url,
            ArxivId = entry.ArxivId,
            Doi = entry.Doi,
            Language = entry.Language,
        };
        new ReferenceWriter().Validate(input, errors);
        return [.. errors.ToDictionary().SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))];
    }

    private static IResult Refused(IReadOnlyList<BibtexError> errors)
    {
        var byLine = new ValidationErrors();
        foreach (var error in errors)
        {
            byLine.Add($"line {error.Line}", error.Message);
        }

        return TypedResults.ValidationProblem(
            byLine.ToDictionary(),
            detail: $"The BibTeX file has {errors.Count} problem{(errors.Count == 1 ? "" : "s")}; nothing was imported.",
            extensions: new Dictionary<string, object?> { ["problems"] = errors.Select(e => new { line = e.Line, message = e.Message }).ToList() });
    }

    private static async Task<(string? Text, IResult? Problem)> ReadBodyAsync(HttpRequest request)
    {
        var (bytes, refusal) = await RequestBody.ReadAsync(request, MediaType, MaxBytes);
        if (refusal == BodyRefusal.MediaType)
        {
            return (null, TypedResults.Problem(
                $"This operation takes '{MediaType}' in UTF-8; the request sent '{request.ContentType ?? "no Content-Type"}'.",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type"));
        }

        if (refusal == BodyRefusal.TooLarge)
        {
            return (null, TooLarge());
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes.Span).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Invalid("body", "The file is not valid UTF-8."));
        }

        return string.IsNullOrWhiteSpace(text)
            ? (null, Problems.Invalid("body", "The request body is empty; it must be a BibTeX file."))
            : (text, null);
    }

    private static IResult TooLarge() => TypedResults.Problem(
        $"BibTeX imports are limited to {MaxBytes / (1024 * 1024)} MB; split the file.",
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
}
