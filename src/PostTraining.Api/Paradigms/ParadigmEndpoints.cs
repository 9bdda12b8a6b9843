using PostTraining.Data.Content;
using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Writes;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Paradigms;

public static class ParadigmEndpoints
{
    public static IEndpointRouteBuilder MapParadigms(this IEndpointRouteBuilder app)
    {
        var group = app.MapReadGroup("/paradigms", "Paradigms");

        group.MapRead("/", ListParadigms, "listParadigms", "List paradigms",
            "The post-training paradigms in the survey's order: fine-tuning, alignment, reasoning, efficiency, " +
            "integration and adaptation (curators may add more), each with its goal and number of techniques.");

        group.MapRead("/{slug}", GetParadigm, "getParadigm", "Get a paradigm",
                "A paradigm with its goal, description and top-level techniques.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status410Gone).Produces(StatusCodes.Status308PermanentRedirect);

        app.MapNodeWrites<Paradigm, ParadigmContent, ParadigmDetail>(new ParadigmWriter(), "Paradigms", "Paradigm");
        return app;
    }

    /// <summary>Lists paradigms.</summary>
    public static BodyResult<ListPage<ParadigmSummary>> ListParadigms(SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return new BodyResult<ListPage<ParadigmSummary>>(snapshot.Memo("paradigms:list", s =>
            ApiJson.Body(new ListPage<ParadigmSummary>(s.Paradigms.Select(p => p.ToParadigmSummary()).ToArray(), null), ParadigmJson.Context.ListPageParadigmSummary)));
    }

    /// <summary>Gets one paradigm.</summary>
    public static Results<BodyResult<ParadigmDetail>, ProblemHttpResult> GetParadigm(
        [Description("Paradigm slug, e.g. alignment.")] string slug, SnapshotHolder snapshots)
    {
        var snapshot = snapshots.Required;
        return snapshot.TryGetNode(NodeKind.Paradigm, slug, out var paradigm)
            ? new BodyResult<ParadigmDetail>(paradigm.ParadigmDetailBody(snapshot))
            : Problems.NotFound("paradigm", slug);
    }
}
