using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Catalog;

/// <summary>The other things the survey and the curated data name: models, datasets, limitations, applications, formulas.</summary>
public static class CatalogEndpoints
{
    public static IEndpointRouteBuilder MapCatalog(this IEndpointRouteBuilder app)
    {
        MapKind(app, NodeKind.Model, "Models", "model", "gpt-3",
            "Language models the sources name (GPT-3, Llama 3, DeepSeek-R1, ...), with parameter count and organisation where known.");
        MapKind(app, NodeKind.Dataset, "Datasets", "dataset", "flan",
            "Datasets used in post-training and their categories; a dataset's parent is its category.");
        MapKind(app, NodeKind.Limitation, "Limitations", "limitation", "limited-reasoning",
            "Limitations of pre-trained models that post-training addresses.");
        MapKind(app, NodeKind.Application, "Applications", "application", "llm-applications",
            "Application areas of post-trained models; an application's parent is its area.");

        var formulas = app.MapReadGroup("/formulas", "Formulas");
        formulas.MapRead("/", ListFormulas, "listFormulas", "List formulas",
                "Formulas in LaTeX (DPO, RLHF, GRPO objectives, ...), each with the technique it belongs to.")
            .ProducesValidationProblem();
        formulas.MapRead("/{slug}", GetFormula, "getFormula", "Get a formula",
                "A formula in LaTeX with each symbol explained in both languages.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static void MapKind(IEndpointRouteBuilder app, NodeKind kind, string tag, string name, string example, string about)
    {
        var group = app.MapReadGroup("/" + NodeKinds.Collection(kind), tag);
        var plural = NodeKinds.Collection(kind);
        var title = char.ToUpperInvariant(plural[0]) + plural[1..];

        group.MapRead("/",
                ([Description("Opaque cursor: pass the previous page's next link unchanged.")] string? cursor,
                 [Description("Page size, 1 to 200.")][Range(1, 200)][DefaultValue(50)] int? limit,
                 SnapshotHolder snapshots, HttpRequest request) => List(kind, cursor, limit, snapshots, request),
                $"list{title}", $"List {plural}", about + " Ordered by slug.")
            .ProducesValidationProblem();

        group.MapRead("/{slug}",
                ([Description("Slug of the entry.")] string slug, SnapshotHolder snapshots) => Get(kind, slug, snapshots),
                $"get{char.ToUpperInvariant(name[0])}{name[1..]}", $"Get {(name[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a")} {name}",
                $"One {name} with its description, tree position and relationships in both directions (e.g. {example}).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Lists the entries of one kind by slug.</summary>
    public static Results<BodyResult<ListPage<CatalogSummary>>, ValidationProblem> List(
        NodeKind kind, string? cursor, int? limit, SnapshotHolder snapshots, HttpRequest request)
    {
        var snapshot = snapshots.Required;
        if (!ReadApi.TryLimit(limit, out var pageSize, out var limitProblem))
        {
            return limitProblem!;
        }

        if (!Cursor.TryDecode(cursor, "slug", out var after))
        {
            return Problems.Invalid("cursor", Cursor.Describe);
        }

        return ReadApi.Page(snapshot, request, () =>
            {
                var (items, next) = Paging.Page(BySlug(snapshot, kind), false, static _ => true, "slug", after, pageSize);
                return (items.Select(n => n.ToCatalogSummary()).ToArray(), next);
            },
            CatalogJson.Context.CatalogSummary, CatalogJson.Context.ListPageCatalogSummary);
    }

    /// <summary>Gets one entry of a kind.</summary>
    public static Results<BodyResult<CatalogDetail>, ProblemHttpResult> Get(NodeKind kind, string slug, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetNode(kind, slug, out var node)
            ? new BodyResult<CatalogDetail>(node.CatalogDetailBody(snapshot))
            : Problems.NotFound(NodeKinds.Name(kind), slug);
    }

    /// <summary>Lists formulas by slug.</summary>
    public static Results<BodyResult<ListPage<FormulaSummary>>, ValidationProblem> ListFormulas(
        [Description("Only formulas of this technique (slug), e.g. dpo.")] string? technique,
        [Description("Opaque cursor: pass the previous page's next link unchanged.")] string? cursor,
        [Description("Page size, 1 to 200.")][Range(1, 200)][DefaultValue(50)] int? limit,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        if (!ReadApi.TryLimit(limit, out var pageSize, out var limitProblem))
        {
            return limitProblem!;
        }

        if (!Cursor.TryDecode(cursor, "slug", out var after))
        {
            return Problems.Invalid("cursor", Cursor.Describe);
        }

        SnapshotNode? owner = null;
        if (technique is not null && !snapshot.TryGetNode(NodeKind.Technique, technique, out owner))
        {
            return Problems.Invalid("technique", $"There is no technique '{technique}'.");
        }

        return ReadApi.Page(snapshot, request, () =>
            {
                var (items, next) = Paging.Page(BySlug(snapshot, NodeKind.Formula), false, f => owner is null || f.Technique == owner, "slug", after, pageSize);
                return (items.Select(f => f.ToFormulaSummary()).ToArray(), next);
            },
            CatalogJson.Context.FormulaSummary, CatalogJson.Context.ListPageFormulaSummary);
    }

    /// <summary>Gets one formula.</summary>
    public static Results<BodyResult<FormulaDetail>, ProblemHttpResult> GetFormula(
        [Description("Formula slug, e.g. dpo-objective.")] string slug, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetNode(NodeKind.Formula, slug, out var formula)
            ? new BodyResult<FormulaDetail>(formula.FormulaDetailBody(snapshot))
            : Problems.NotFound("formula", slug);
    }

    private static (string Key, SnapshotNode Item, string Slug)[] BySlug(TaxonomySnapshot snapshot, NodeKind kind) =>
        snapshot.Memo($"{NodeKinds.Collection(kind)}:order:slug", s => s.OfKind(kind).Select(n => (n.Slug, n, n.Slug)).ToArray());
}
