using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Techniques;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Paradigms;

public static class ParadigmMapping
{
    /// <summary>The paradigm's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody ParadigmDetailBody(this SnapshotNode p, TaxonomySnapshot snapshot) =>
        Details.Node(snapshot, p, () => ApiJson.Body(p.ToParadigmDetail(snapshot), ParadigmJson.Context.ParadigmDetail));

    public static int TechniqueCount(this SnapshotNode paradigm) =>
        paradigm.Children.Where(c => c.Kind == NodeKind.Technique).Sum(c => c.SelfAndDescendants().Count(n => n.Kind == NodeKind.Technique));

    public static ParadigmSummary ToParadigmSummary(this SnapshotNode p) =>
        new(p.Slug, p.RequiredName(), LocalizedText.Of(p.Row.GoalEn, p.Row.GoalZh), p.Row.Position, p.TechniqueCount(), p.Url);

    public static ParadigmDetail ToParadigmDetail(this SnapshotNode p, TaxonomySnapshot snapshot) => new(
        p.Slug,
        p.RequiredName(),
        LocalizedText.Of(p.Row.GoalEn, p.Row.GoalZh),
        p.Description(),
        p.Row.Position,
        p.TechniqueCount(),
        p.Children.Where(c => c.Kind == NodeKind.Technique).Select(c => c.ToSummary()).ToArray(),
        RepresentationMapping.RelationshipsOf(p),
        p.Row.Source.ToSourceInfo(snapshot),
        p.Row.Verified,
        p.Row.CreatedAt,
        p.Row.UpdatedAt,
        p.Url,
        $"/api/v1/techniques?paradigm={p.Slug}");
}
