using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Techniques;

namespace PostTraining.Api.Catalog;

public static class CatalogMapping
{
    /// <summary>A model's, dataset's, limitation's or application's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody CatalogDetailBody(this SnapshotNode n, TaxonomySnapshot snapshot) =>
        Details.Node(snapshot, n, () => ApiJson.Body(n.ToCatalogDetail(snapshot), CatalogJson.Context.CatalogDetail));

    /// <summary>The formula's JSON detail as GET serves it, kept with the snapshot.</summary>
    public static CachedBody FormulaDetailBody(this SnapshotNode f, TaxonomySnapshot snapshot) =>
        Details.Node(snapshot, f, () => ApiJson.Body(f.ToFormulaDetail(snapshot), CatalogJson.Context.FormulaDetail));

    public static CatalogSummary ToCatalogSummary(this SnapshotNode n) =>
        new(n.Slug, n.KindName, n.Name(), n.Parent?.Kind == n.Kind ? n.Parent.Slug : null, n.Row.Parameters, n.Row.Organization, n.Url);

    public static CatalogDetail ToCatalogDetail(this SnapshotNode n, TaxonomySnapshot snapshot) => new(
        n.Slug,
        n.KindName,
        n.Name(),
        n.Row.Abbreviation,
        n.Row.Aliases,
        n.Description(),
        n.Parent?.ToLink(),
        n.Children.Select(c => c.ToLink()).ToArray(),
        n.Row.Parameters,
        n.Row.Organization,
        RepresentationMapping.RelationshipsOf(n),
        n.Row.Source.ToSourceInfo(snapshot),
        n.Row.Verified,
        n.Row.CreatedAt,
        n.Row.UpdatedAt,
        n.Url);

    public static FormulaSummary ToFormulaSummary(this SnapshotNode f) => new(f.Slug, f.Name(), f.Row.Latex, f.Technique?.Slug, f.Url);

    public static FormulaDetail ToFormulaDetail(this SnapshotNode f, TaxonomySnapshot snapshot) => new(
        f.Slug,
        f.Name(),
        f.Row.Latex,
        TechniqueMapping.ToFormulaItem(f).Symbols,
        f.Description(),
        f.Technique?.ToLink(),
        RepresentationMapping.RelationshipsOf(f),
        f.Row.Source.ToSourceInfo(snapshot),
        f.Row.Verified,
        f.Row.CreatedAt,
        f.Row.UpdatedAt,
        f.Url);
}
