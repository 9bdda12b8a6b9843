using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Taxonomy;

public static class TaxonomyEndpoints
{
    private static readonly IReadOnlyList<MediaFormat> Formats =
        [MediaFormat.Json, MediaFormat.Mermaid, MediaFormat.Dot, MediaFormat.JsonLd, MediaFormat.Csv];

    public static IEndpointRouteBuilder MapTaxonomy(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/taxonomy", "Taxonomy");
        group.MapRead("/", GetTaxonomy, "getTaxonomy", "The whole taxonomy in one document",
                "Paradigms with their techniques and methods nested at every depth, as JSON; as a Mermaid flowchart " +
                "(`text/vnd.mermaid`), a Graphviz digraph (`text/vnd.graphviz`), SKOS in JSON-LD (`application/ld+json`: " +
                "prefLabel in English and Chinese, broader/narrower, related) or CSV (`text/csv`). Choose with `format` " +
                "or `Accept`; `root` limits it to one paradigm or one technique's subtree (`root=peft`).")
            .WithAlternateFormats(MediaFormat.Mermaid, MediaFormat.Dot, MediaFormat.JsonLd, MediaFormat.Csv)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status406NotAcceptable);
        return app;
    }

    /// <summary>The taxonomy in the chosen format.</summary>
    public static Results<BodyResult<TaxonomyDocument>, ValidationProblem, ProblemHttpResult> GetTaxonomy(
        [Description("json, mermaid, dot, jsonld or csv; overrides Accept."), AllowedValues("json", "mermaid", "dot", "jsonld", "csv")] string? format,
        [Description("Only this paradigm or this technique's subtree (slug, or kind:slug), e.g. peft.")] string? root,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        var chosen = ContentNegotiation.Choose(request, format, Formats, out var badFormat, out var notAcceptable);
        if (chosen is null)
        {
            return badFormat is not null ? badFormat : notAcceptable!;
        }

        TaxonomyScope? scope = null;
        if (!string.IsNullOrWhiteSpace(root))
        {
            scope = TaxonomyScope.Under(snapshot, root.Trim());
            if (scope is null)
            {
                return Problems.Invalid("root", $"There is no paradigm or technique '{root}'.");
            }
        }

        CachedBody Make()
        {
            var inScope = scope ?? TaxonomyScope.Whole(snapshot);
            return chosen.Name switch
            {
                "mermaid" => Text(TaxonomyExport.Mermaid(inScope), chosen),
                "dot" => Text(TaxonomyExport.Dot(inScope), chosen),
                "csv" => Text(TaxonomyExport.Csv(inScope), chosen),
                "jsonld" => new CachedBody(TaxonomyExport.JsonLd(inScope), chosen.MediaType),
                _ => ApiJson.Body(TaxonomyExport.Json(inScope), TaxonomyJson.Context.TaxonomyDocument),
            };
        }

        // Keyed by the scope's resolved root, so only existing slugs ever become entries; the subtrees, one per
        // technique, go to the bounded cache, the whole taxonomy stays for the snapshot's life.
        var key = $"taxonomy:{chosen.Name}:{scope?.Root}";
        var body = scope is null ? snapshot.Memo(key, _ => Make()) : snapshot.Representation(key, Make);
        return new BodyResult<TaxonomyDocument>(body, variesByAccept: true);
    }

    private static CachedBody Text(string text, MediaFormat format) => new(Encoding.UTF8.GetBytes(text), format.MediaType);
}
