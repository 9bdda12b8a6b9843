using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;

namespace PostTraining.Api.Http;

/// <summary>
/// The API's JSON options (camelCase, nulls omitted, CJK written as characters, kebab-case enums), and read bodies
/// serialized through each feature's compile-time generated metadata (no reflection on the hot path).
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
    }

    /// <summary>Fresh options for a feature's serializer context (a context binds the options it is given).</summary>
    public static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        return options;
    }

    public static CachedBody Body<T>(T value, JsonTypeInfo<T> info, bool cacheCompressed = true) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, info), MediaFormat.Json.MediaType, cacheCompressed);
}
