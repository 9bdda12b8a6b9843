using System.Text.Json.Serialization;
using PostTraining.Api.Http;

namespace PostTraining.Api.Search;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(SearchResults))]
public sealed partial class SearchJson : JsonSerializerContext
{
    public static readonly SearchJson Context = new(ApiJson.CreateOptions());
}
