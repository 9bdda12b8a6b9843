using PostTraining.Data.Content;
using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Comparisons;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.References;
using PostTraining.Api.Writes;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Techniques;

public static class TechniqueEndpoints
{
    public static IEndpointRouteBuilder MapTechniques(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/techniques", "Techniques");

        group.MapRead("/", ListTechniques, "listTechniques", "List techniques and methods",
                "Every technique and method at every depth, flat; each item names its paradigm, parent and depth. " +
                "Filter by paradigm, parent, kind, depth, year range, formula and reference, or by a comparison's axes " +
                "(`comparison=alignment-methods&where=reference-model:free,optimization:offline`); order by tree, slug, name or year; " +
                "page with the opaque cursor of the `next` link.")
            .ProducesValidationProblem();

        group.MapRead("/{slug}", GetTechnique, "getTechnique", "Get a technique or method",
                "A technique with its paradigm, ancestors (breadcrumb), children, references, formulas and its relationships " +
                "in both directions (an incoming edge is named with its type's inverse name).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect);

        group.MapRead("/{slug}/references", ListTechniqueReferences, "listTechniqueReferences", "References of a technique and its subtree",
                "The references of a technique and, unless subtree=false, of every technique below it, each once; " +
                "as JSON or as BibTeX (format=bibtex or Accept: application/x-bibtex).")
            .WithAlternateFormats(MediaFormat.BibTex)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status406NotAcceptable);

        app.MapNodeWrites<Technique, TechniqueContent, TechniqueDetail>(new TechniqueWriter(), "Techniques", "Technique");
        app.MapTechniqueReferenceLinks();
        return app;
    }

    /// <summary>Lists techniques and methods.</summary>
    public static Results<BodyResult<ListPage<TechniqueSummary>>, ValidationProblem> ListTechniques(
        [AsParameters] TechniqueListQuery query, SnapshotHolder snapshots, HttpRequest request)
    {
        var snapshot = snapshots.Required;
        if (!ReadApi.TryLimit(query.Limit, out var limit, out var limitProblem))
        {
            return limitProblem!;
        }

        if (!TechniqueOrder.TryParse(query.Sort, out var sort, out var descending))
        {
            return Problems.Invalid("sort", $"Unknown order '{query.Sort}'. Use one of: {string.Join(", ", TechniqueOrder.Names)} (prefix - for descending).");
        }

        var sortSpec = (descending ? "-" : "") + sort;
        if (!Cursor.TryDecode(query.Cursor, sortSpec, out var cursor))
        {
            return Problems.Invalid("cursor", Cursor.Describe);
        }

        SnapshotNode? paradigm = null, parent = null;
        if (query.Paradigm is not null && !snapshot.TryGetNode(NodeKind.Paradigm, query.Paradigm, out paradigm))
        {
            return Problems.Invalid("paradigm", $"There is no paradigm '{query.Paradigm}'. See /api/v1/paradigms.");
        }

        if (query.Parent is not null && !snapshot.TryGetNode(NodeKind.Technique, query.Parent, out parent))
        {
            return Problems.Invalid("parent", $"There is no technique '{query.Parent}'.");
        }

        if (query.Kind is not null and not ("technique" or "method"))
        {
            return Problems.Invalid("kind", $"Unknown kind '{query.Kind}'. Use technique or method.");
        }

        if (query.Depth is < 0 or > 20)
        {
            return Problems.Invalid("depth", "Must be between 0 and 20.");
        }

        foreach (var (name, year) in new[] { ("yearFrom", query.YearFrom), ("yearTo", query.YearTo) })
        {
            if (year is < 1900 or > 2100)
            {
                return Problems.Invalid(name, "Must be a year between 1900 and 2100.");
            }
        }

        if (query.YearFrom > query.YearTo)
        {
            return Problems.Invalid("yearFrom", "Must not be after yearTo.");
        }

        if (!FieldSelection.TryParse(query.Fields, SummaryMembers, out var fields, out var unknownField))
        {
            return Problems.Invalid("fields", $"Unknown member '{unknownField}'. Items have: {string.Join(", ", SummaryMembers)}.");
        }

        if (!ComparisonFilter.TryParse(snapshot, query.Comparison, query.Where, out var inComparison, out var comparisonProblem))
        {
            return comparisonProblem!;
        }

        bool Keep(SnapshotNode t) =>
            (paradigm is null || t.Paradigm == paradigm)
            && (inComparison is null || inComparison(t))
            && (parent is null || t.Parent == parent)
            && (query.Kind is null || t.TechniqueKindName() == query.Kind)
            && (query.Depth is null || t.Depth == query.Depth)
            && (query.YearFrom is null || t.Row.Year >= query.YearFrom)
            && (query.YearTo is null || t.Row.Year <= query.YearTo)
            && (query.HasFormula is null || (t.Formulas.Count > 0) == query.HasFormula)
            && (query.HasReference is null || (t.References.Count > 0) == query.HasReference);

        return ReadApi.Page(snapshot, request, () =>
            {
                var (items, next) = Paging.Page(TechniqueOrder.Sorted(snapshot, sort, descending), descending, Keep, sortSpec, cursor, limit);
                return (items.Select(t => t.ToSummary()).ToArray(), next);
            },
            TechniqueJson.Context.TechniqueSummary, TechniqueJson.Context.ListPageTechniqueSummary, fields);
    }

    /// <summary>Gets one technique or method with everything around it.</summary>
    public static Results<BodyResult<TechniqueDetail>, ProblemHttpResult> GetTechnique(
        [Description("Technique slug, e.g. dpo.")] string slug, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetNode(NodeKind.Technique, slug, out var technique)
            ? new BodyResult<TechniqueDetail>(technique.TechniqueDetailBody(snapshot))
            : Problems.NotFound("technique", slug);
    }

    /// <summary>References of a technique and its subtree, as JSON or BibTeX.</summary>
    public static Results<BodyResult<ListPage<TechniqueReference>>, ProblemHttpResult, ValidationProblem> ListTechniqueReferences(
        [Description("Technique slug, e.g. peft.")] string slug,
        [Description("Include the references of every technique below this one.")][DefaultValue(true)] bool? subtree,
        [Description("json or bibtex; overrides Accept."), AllowedValues("json", "bibtex")] string? format,
        SnapshotHolder snapshots,
        HttpRequest request)
    {
        var snapshot = snapshots.Required;
        var chosen = ContentNegotiation.Choose(request, format, [MediaFormat.Json, MediaFormat.BibTex], out var badFormat, out var notAcceptable);
        if (chosen is null)
        {
            return badFormat is not null ? badFormat : notAcceptable!;
        }

        if (!snapshot.TryGetNode(NodeKind.Technique, slug, out var technique))
        {
            return Problems.NotFound("technique", slug);
        }

        var wholeSubtree = subtree ?? true;
        var key = $"technique-references:{slug}:{wholeSubtree}:{chosen.Name}";
        var body = snapshot.Representation(key, () =>
        {
            var links = (wholeSubtree ? technique.SelfAndDescendants() : [technique])
                .SelectMany(t => t.References)
                .DistinctBy(l => l.Other.Id)
                .ToArray();
            return chosen == MediaFormat.BibTex
                ? new CachedBody(Encoding.UTF8.GetBytes(BibTex.Format(links.Select(l => l.Other))), MediaFormat.BibTex.MediaType)
                : ApiJson.Body(new ListPage<TechniqueReference>(links.Select(l => TechniqueMapping.ToTechniqueReference(l.Other, l.Role)).ToArray(), null),
                    TechniqueJson.Context.ListPageTechniqueReference);
        });
        return new BodyResult<ListPage<TechniqueReference>>(body, variesByAccept: true);
    }

    private static readonly IReadOnlyCollection<string> SummaryMembers = FieldSelection.MembersOf(TechniqueJson.Context.TechniqueSummary);
}
