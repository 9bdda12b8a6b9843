using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Comparisons;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(ListPage<ComparisonSummary>))]
[JsonSerializable(typeof(ComparisonDetail))]
public sealed partial class ComparisonJson : JsonSerializerContext
{
    public static readonly ComparisonJson Context = new(ApiJson.CreateOptions());
}
