using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Comparisons;

public static class ComparisonEndpoints
{
    private static readonly IReadOnlyList<MediaFormat> Formats = [MediaFormat.Json, MediaFormat.Csv, MediaFormat.Markdown];

    public static IEndpointRouteBuilder MapComparisons(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/comparisons", "Comparisons");
        group.MapRead("/", ListComparisons, "listComparisons", "List comparison tables",
            "The survey's tables that compare methods (alignment methods, feedback types, self-refinement, quantization, " +
            "distillation, knowledge editing), each with its source and size. The cells are the survey's claims, attributed to it.");

        group.MapRead("/{slug}", GetComparison, "getComparison", "Get a comparison table",
                "The table's axes (columns: the header as printed, a bilingual name and description, the type, and for a " +
                "choice axis its allowed values) and rows (the technique, the label and reference as printed, and each " +
                "non-empty cell as printed with its values; a contested or repaired cell carries a note). As JSON, as CSV " +
                "(`format=csv`, RFC 4180, one column per axis headed as printed) or as a Markdown table (`format=markdown`). " +
                "Filter techniques by these axes with `/api/v1/techniques?comparison=...&where=axis:value`.")
            .WithAlternateFormats(MediaFormat.Csv, MediaFormat.Markdown)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

        app.MapComparisonWrites();
        return app;
    }

    /// <summary>Every comparison, by position.</summary>
    public static BodyResult<ListPage<ComparisonSummary>> ListComparisons(SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return new BodyResult<ListPage<ComparisonSummary>>(snapshot.Memo("comparisons", s =>
            ApiJson.Body(new ListPage<ComparisonSummary>([.. s.Comparisons.Select(c => c.ToSummary())], null), ComparisonJson.Context.ListPageComparisonSummary)));
    }

    /// <summary>One comparison as JSON, CSV or Markdown.</summary>
    public static Results<BodyResult<ComparisonDetail>, ValidationProblem, ProblemHttpResult> GetComparison(
        [Description("Comparison slug, e.g. alignment-methods.")] string slug,
        [Description("json, csv or markdown; overrides Accept."), AllowedValues("json", "csv", "markdown")] string? format,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        var chosen = ContentNegotiation.Choose(request, format, Formats, out var badFormat, out var notAcceptable);
        if (chosen is null)
        {
            return badFormat is not null ? badFormat : notAcceptable!;
        }

        if (!snapshot.TryGetComparison(slug, out var comparison))
        {
            return Problems.NotFound("comparison", slug);
        }

        var body = chosen.Name switch
        {
            "csv" => snapshot.Representation($"comparison:csv:{slug}", () => Text(ComparisonExport.Csv(comparison), chosen)),
            "markdown" => snapshot.Representation($"comparison:markdown:{slug}", () => Text(ComparisonExport.Markdown(comparison), chosen)),
            _ => comparison.DetailBody(snapshot),
        };
        return new BodyResult<ComparisonDetail>(body, variesByAccept: true);
    }

    private static CachedBody Text(string text, MediaFormat format) => new(Encoding.UTF8.GetBytes(text), format.MediaType);
}
