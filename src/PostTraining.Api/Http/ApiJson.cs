using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace PostTraining.Api.Http;

/// <summary>
/// The API's JSON options (camelCase, nulls omitted, text written as itself, kebab-case enums), and read bodies
/// serialized through each feature's compile-time generated metadata (no reflection on the hot path).
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        // Text as itself: CJK, ' and & unescaped. The relaxed encoder still escapes what JSON requires (quotes,
        // backslashes, control characters); it skips only the HTML-safety escapes, and these bodies are
        // application/json, never pasted into HTML unencoded (the explorer sets text, not markup).
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
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
