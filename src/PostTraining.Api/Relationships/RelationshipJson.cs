using System.Text.Json.Serialization;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Relationships;

/// <summary>Compile-time serialization metadata of this feature's representations, with the API's JSON options.</summary>
[JsonSerializable(typeof(RelationshipItem))]
[JsonSerializable(typeof(ListPage<RelationshipItem>))]
[JsonSerializable(typeof(RelationTypeItem))]
[JsonSerializable(typeof(ListPage<RelationTypeItem>))]
public sealed partial class RelationshipJson : JsonSerializerContext
{
    public static readonly RelationshipJson Context = new(ApiJson.CreateOptions());
}
