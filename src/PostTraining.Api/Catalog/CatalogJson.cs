using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Catalog;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(CatalogSummary))]
[JsonSerializable(typeof(ListPage<CatalogSummary>))]
[JsonSerializable(typeof(CatalogDetail))]
[JsonSerializable(typeof(FormulaSummary))]
[JsonSerializable(typeof(ListPage<FormulaSummary>))]
[JsonSerializable(typeof(FormulaDetail))]
public sealed partial class CatalogJson : JsonSerializerContext
{
    public static readonly CatalogJson Context = new(ApiJson.CreateOptions());
}
