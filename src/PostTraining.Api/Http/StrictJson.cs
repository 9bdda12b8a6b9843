using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace PostTraining.Api.Http;

/// <summary>
/// Binds a JSON object to an input record strictly: every member must be one the record declares (at any depth), and
/// every value must have the JSON type the member takes. Each problem is reported under the member's path
/// (<c>name.fr</c>, <c>authors[2]</c>), so a client learns everything wrong with a body in one answer instead of one
/// exception message about the first.
/// </summary>
public static class StrictJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static readonly ConcurrentDictionary<Type, JsonTypeInfo> TypeInfos = new();

    public static T? Bind<T>(JsonObject body, ValidationErrors errors)
        where T : class
    {
        Check(body, typeof(T), "", errors);
        if (errors.HasErrors)
        {
            return null;
        }

        try
        {
            return body.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            // The shape check above leaves only value-level failures here (e.g. a number too big for its member).
            errors.Add(Member(e.Path), "The value is out of range or malformed for this member.");
            return null;
        }
    }

    private static void Check(JsonNode? node, Type type, string path, ValidationErrors errors)
    {
        if (node is null)
        {
            return; // null is "absent"; whether a member may be absent is the validator's call
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        var info = TypeInfos.GetOrAdd(target, t => Options.GetTypeInfo(t));
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                if (node is not JsonObject obj)
                {
                    errors.Add(path, "Must be a JSON object.");
                    return;
                }

                var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
                foreach (var (name, value) in obj)
                {
                    var memberPath = path.Length == 0 ? name : $"{path}.{name}";
                    if (!properties.TryGetValue(name, out var property))
                    {
                        errors.Add(memberPath, $"Unknown member '{name}'.");
                        continue;
                    }

                    Check(value, property.PropertyType, memberPath, errors);
                }

                return;

            case JsonTypeInfoKind.Enumerable:
                if (node is not JsonArray array)
                {
                    errors.Add(path, "Must be a JSON array.");
                    return;
                }

                var elementType = info.ElementType!;
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is null)
                    {
                        errors.Add($"{path}[{i}]", "Must not be null.");
                        continue;
                    }

                    Check(array[i], elementType, $"{path}[{i}]", errors);
                }

                return;

            default:
                var expected = ExpectedKind(target);
                if (expected is not null && node.GetValueKind() is var kind && !Accepts(expected.Value, kind))
                {
                    errors.Add(path, expected.Value switch
                    {
                        JsonValueKind.String => "Must be a string.",
                        JsonValueKind.Number => "Must be a number.",
                        _ => "Must be true or false.",
                    });
                }

                return;
        }
    }

    private static JsonValueKind? ExpectedKind(Type type) =>
        type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type.IsEnum ? JsonValueKind.String
        : type == typeof(bool) ? JsonValueKind.True
        : type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal) ? JsonValueKind.Number
        : null;

    private static bool Accepts(JsonValueKind expected, JsonValueKind actual) =>
        expected == JsonValueKind.True ? actual is JsonValueKind.True or JsonValueKind.False : actual == expected;

    private static string Member(string? jsonPath) =>
        string.IsNullOrEmpty(jsonPath) || jsonPath == "$" ? "" : jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        ApiJson.Configure(options);
        options.MakeReadOnly();
        return options;
    }
}
