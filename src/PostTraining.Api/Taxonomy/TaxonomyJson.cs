using System.Text.Json.Serialization;
using PostTraining.Api.Http;

namespace PostTraining.Api.Taxonomy;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(TaxonomyDocument))]
public sealed partial class TaxonomyJson : JsonSerializerContext
{
    public static readonly TaxonomyJson Context = new(ApiJson.CreateOptions());
}
