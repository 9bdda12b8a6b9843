using PostTraining.Api.Comparisons;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Techniques;

public static class TechniqueMapping
{
    /// <summary>The technique's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody TechniqueDetailBody(this SnapshotNode t, TaxonomySnapshot snapshot) =>
        Details.Node(snapshot, t, () => ApiJson.Body(t.ToDetail(snapshot), TechniqueJson.Context.TechniqueDetail));

    public static TechniqueSummary ToSummary(this SnapshotNode t) => new(
        t.Slug, t.TechniqueKindName(), t.RequiredName(), t.Row.Abbreviation, t.RequiredParadigm().Slug,
        t.Parent?.Kind == NodeKind.Technique ? t.Parent.Slug : null, t.Depth, t.Row.Year, t.Url);

    public static TechniqueDetail ToDetail(this SnapshotNode t, TaxonomySnapshot snapshot) => new(
        t.Slug,
        t.TechniqueKindName(),
        t.RequiredName(),
        t.Row.Abbreviation,
        t.RequiredParadigm().ToLink(),
        t.Parent?.Kind == NodeKind.Technique ? t.Parent.Slug : null,
        t.Depth,
        t.Row.Year,
        t.Url,
        t.Description(),
        t.Row.Aliases,
        t.Ancestors().Where(a => a.Kind == NodeKind.Technique).Select(ToSummary).ToArray(),
        t.Children.Where(c => c.Kind == NodeKind.Technique).Select(ToSummary).ToArray(),
        t.References.Select(l => ToTechniqueReference(l.Other, l.Role)).ToArray(),
        t.Formulas.Select(ToFormulaItem).ToArray(),
        RepresentationMapping.RelationshipsOf(t),
        ComparisonMapping.ComparisonsOf(snapshot, t),
        t.Row.LacksReference,
        t.Row.Source.ToSourceInfo(snapshot),
        t.Row.Verified,
        t.Row.CreatedAt,
        t.Row.UpdatedAt,
        new TechniqueLinks(
            $"{t.Url}/references",
            $"{t.Url}/references?format=bibtex",
            $"{t.Url}/neighbors",
            $"{t.Url}/reading-order"));

    public static TechniqueReference ToTechniqueReference(SnapshotNode r, ReferenceRole role) => new(
        r.Slug, r.Title(), r.Row.Authors, r.Row.Year, r.Row.Venue, r.Row.ArxivId, r.Row.Url,
        Wire.ReferenceRoles.Name(role), r.Url);

    public static FormulaItem ToFormulaItem(SnapshotNode f) => new(
        f.Slug, f.Name(), f.Row.Latex, f.Row.Symbols.Select(s => new FormulaSymbolItem(s.Symbol, LocalizedText.Of(s.MeaningEn, s.MeaningZh))).ToArray(), f.Url);

}
