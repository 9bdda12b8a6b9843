using PostTraining.Data.Content;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Api.Writes;
using PostTraining.Data.Entities;

namespace PostTraining.Api.References;

public static partial class ReferenceEndpoints
{
    private static readonly string[] Orders = ["slug", "year", "title"];
    private static readonly IReadOnlyList<MediaFormat> Formats = [MediaFormat.Json, MediaFormat.BibTex];

    public static IEndpointRouteBuilder MapReferences(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/references", "References");

        group.MapRead("/", ListReferences, "listReferences", "List references",
                "Papers, articles and other sources. Filter by year range, technique (with its subtree), venue or arXiv id " +
                "(`?arxiv=2305.18290`); as JSON or as BibTeX (`format=bibtex` or `Accept: application/x-bibtex`; " +
                "a BibTeX page links the next one in a `Link` header).")
            .WithAlternateFormats(MediaFormat.BibTex)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

        group.MapRead("/{slug}", GetReference, "getReference", "Get a reference",
                "A reference with the techniques it introduces, defines, describes or uses; as JSON or BibTeX.")
            .WithAlternateFormats(MediaFormat.BibTex)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

        app.MapNodeWrites<Reference, ReferenceContent, ReferenceDetail>(new ReferenceWriter(), "References", "Reference");
        return app;
    }

    /// <summary>Lists references, as JSON or BibTeX.</summary>
    public static Results<BodyResult<ListPage<ReferenceSummary>>, ValidationProblem, ProblemHttpResult> ListReferences(
        [AsParameters] ReferenceListQuery query, SnapshotHolder snapshots, HttpRequest request)
    {
        var snapshot = snapshots.Required;
        var chosen = ContentNegotiation.Choose(request, query.Format, Formats, out var badFormat, out var notAcceptable);
        if (chosen is null)
        {
            return badFormat is not null ? badFormat : notAcceptable!;
        }

        if (!ReadApi.TryLimit(query.Limit, out var limit, out var limitProblem))
        {
            return limitProblem!;
        }

        var sortSpec = string.IsNullOrWhiteSpace(query.Sort) ? "slug" : query.Sort.Trim();
        var descending = sortSpec.StartsWith('-');
        var sort = descending ? sortSpec[1..] : sortSpec;
        if (!Orders.Contains(sort))
        {
            return Problems.Invalid("sort", $"Unknown order '{query.Sort}'. Use one of: {string.Join(", ", Orders)} (prefix - for descending).");
        }

        if (!Cursor.TryDecode(query.Cursor, sortSpec, out var cursor))
        {
            return Problems.Invalid("cursor", Cursor.Describe);
        }

        foreach (var (name, year) in new[] { ("yearFrom", query.YearFrom), ("yearTo", query.YearTo) })
        {
            if (year is < 1900 or > 2100)
            {
                return Problems.Invalid(name, "Must be a year between 1900 and 2100.");
            }
        }

        HashSet<long>? underTechnique = null;
        if (query.Technique is not null)
        {
            if (!snapshot.TryGetNode(NodeKind.Technique, query.Technique, out var technique))
            {
                return Problems.Invalid("technique", $"There is no technique '{query.Technique}'.");
            }

            underTechnique = technique.SelfAndDescendants().SelectMany(t => t.References).Select(l => l.Other.Id).ToHashSet();
        }

        string? arxiv = null;
        if (query.Arxiv is not null)
        {
            var match = ArxivId().Match(query.Arxiv.Trim());
            if (!match.Success)
            {
                return Problems.Invalid("arxiv", $"'{query.Arxiv}' is not an arXiv identifier such as 2305.18290.");
            }

            arxiv = match.Groups["id"].Value;
        }

        if (!FieldSelection.TryParse(query.Fields, SummaryMembers, out var fields, out var unknownField))
        {
            return Problems.Invalid("fields", $"Unknown member '{unknownField}'. Items have: {string.Join(", ", SummaryMembers)}.");
        }

        bool Keep(SnapshotNode r) =>
            (query.YearFrom is null || r.Row.Year >= query.YearFrom)
            && (query.YearTo is null || r.Row.Year <= query.YearTo)
            && (underTechnique is null || underTechnique.Contains(r.Id))
            && (query.Venue is null || (r.Row.Venue?.Contains(query.Venue, StringComparison.OrdinalIgnoreCase) ?? false))
            && (arxiv is null || r.Row.ArxivId == arxiv);

        var sorted = snapshot.Memo($"references:order:{sort}:{(descending && sort == "year" ? "desc" : "asc")}", s => s.OfKind(NodeKind.Reference)
            .Select(r => (Key: Key(r, sort, descending), Item: r, r.Slug))
            .OrderBy(e => e.Key, StringComparer.Ordinal).ThenBy(e => e.Slug, StringComparer.Ordinal)
            .ToArray());
        if (chosen == MediaFormat.BibTex)
        {
            var (items, next) = Paging.Page(sorted, descending, Keep, sortSpec, cursor, limit);
            var link = next is null ? null : NextLink.Header(Paging.NextUrl(request, next));
            var bytes = Encoding.UTF8.GetBytes(BibTex.Format(items));
            return new BodyResult<ListPage<ReferenceSummary>>(new CachedBody(bytes, MediaFormat.BibTex.MediaType, cacheCompressed: false), variesByAccept: true, link);
        }

        return ReadApi.Page(snapshot, request, () =>
            {
                var (items, next) = Paging.Page(sorted, descending, Keep, sortSpec, cursor, limit);
                return (items.Select(r => r.ToReferenceSummary()).ToArray(), next);
            },
            ReferenceJson.Context.ReferenceSummary, ReferenceJson.Context.ListPageReferenceSummary, fields, variesByAccept: true);
    }

    /// <summary>Gets one reference, as JSON or BibTeX.</summary>
    public static Results<BodyResult<ReferenceDetail>, ValidationProblem, ProblemHttpResult> GetReference(
        [Description("Reference slug, e.g. arxiv-2305-18290.")] string slug,
        [Description("json or bibtex; overrides Accept."), AllowedValues("json", "bibtex")] string? format,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        var chosen = ContentNegotiation.Choose(request, format, Formats, out var badFormat, out var notAcceptable);
        if (chosen is null)
        {
            return badFormat is not null ? badFormat : notAcceptable!;
        }

        if (!snapshot.TryGetNode(NodeKind.Reference, slug, out var reference))
        {
            return Problems.NotFound("reference", slug);
        }

        var body = chosen == MediaFormat.BibTex
            ? snapshot.Representation($"bibtex:{slug}", () => new CachedBody(Encoding.UTF8.GetBytes(BibTex.Format([reference])), MediaFormat.BibTex.MediaType))
            : reference.ReferenceDetailBody(snapshot);
        return new BodyResult<ReferenceDetail>(body, variesByAccept: true);
    }

    private static string Key(SnapshotNode r, string sort, bool descending) => sort switch
    {
        // Undated works come last in both directions.
        "year" => r.Row.Year is { } y ? y.ToString("D4", CultureInfo.InvariantCulture) : descending ? "" : "~",
        "title" => TextFolding.Fold(r.Title()),
        _ => r.Slug,
    };

    private static readonly IReadOnlyCollection<string> SummaryMembers = FieldSelection.MembersOf(ReferenceJson.Context.ReferenceSummary);

    [GeneratedRegex(@"^(?:arxiv:)?(?<id>\d{4}\.\d{4,5})(?:v\d+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ArxivId();
}
