using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PostTraining.Api.ReadModel;

namespace PostTraining.Api.Http;

/// <summary>The <c>fields</c> parameter: a comma-separated list of the item members a client wants.</summary>
public static class FieldSelection
{
    /// <summary>Null when every member is wanted; false when a name is not a member of the items.</summary>
    public static bool TryParse(string? fields, IReadOnlyCollection<string> members, out HashSet<string>? selected, out string? unknown)
    {
        selected = null;
        unknown = null;
        if (string.IsNullOrWhiteSpace(fields))
        {
            return true;
        }

        selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in fields.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!members.Contains(name))
            {
                unknown = name;
                return false;
            }

            selected.Add(name);
        }

        return selected.Count > 0;
    }

    /// <summary>The camelCase member names of a response type, as the serializer writes them.</summary>
    public static IReadOnlyCollection<string> MembersOf(JsonTypeInfo info) => info.Properties.Select(p => p.Name).ToArray();

    /// <summary>Serializes a list page, keeping only the selected members of each item.</summary>
    public static byte[] SerializePage<T>(IReadOnlyList<T> items, string? next, JsonTypeInfo<T> itemInfo, JsonTypeInfo<ListPage<T>> pageInfo, HashSet<string>? selected)
    {
        if (selected is null)
        {
            return JsonSerializer.SerializeToUtf8Bytes(new ListPage<T>(items, next), pageInfo);
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = itemInfo.Options.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("items");
            foreach (var item in items)
            {
                var node = JsonSerializer.SerializeToNode(item, itemInfo)!.AsObject();
                writer.WriteStartObject();
                foreach (var (name, value) in node)
                {
                    if (selected.Contains(name))
                    {
                        writer.WritePropertyName(name);
                        if (value is null)
                        {
                            writer.WriteNullValue();
                        }
                        else
                        {
                            value.WriteTo(writer);
                        }
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (next is not null)
            {
                writer.WriteString("next", next);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
