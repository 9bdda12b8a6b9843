using System.Text;
using System.Text.Json;

namespace PostTraining.Data.Seed;

/// <summary>
/// The 1-based line of every value and member in a JSON text, by JSON Pointer, so schema and consistency errors
/// (which know a pointer) can name the line an editor jumps to.
/// </summary>
public sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private JsonLineMap()
    {
    }

    /// <summary>The line of <paramref name="pointer"/>, or of its nearest ancestor that has one.</summary>
    public int? LineOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (_lines.TryGetValue(p, out var line))
            {
                return line;
            }

            if (p.Length == 0)
            {
                return null;
            }
        }
    }

    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var map = new JsonLineMap();
        var newlines = new List<long>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        int LineAt(long offset)
        {
            var index = newlines.BinarySearch(offset);
            return (index < 0 ? ~index : index) + 1;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var path = new List<string>();
        var containers = new Stack<(bool IsArray, int NextIndex)>();
        string? property = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    property = reader.GetString();
                    map._lines.TryAdd(Pointer(path, property!), LineAt(reader.TokenStartIndex));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    containers.Pop();
                    if (path.Count > 0)
                    {
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                default:
                    string? segment = null;
                    if (containers.Count > 0)
                    {
                        var (isArray, next) = containers.Pop();
                        segment = isArray ? next.ToString(System.Globalization.CultureInfo.InvariantCulture) : property;
                        containers.Push((isArray, isArray ? next + 1 : next));
                    }

                    var pointer = segment is null ? "" : Pointer(path, segment);
                    map._lines.TryAdd(pointer, LineAt(reader.TokenStartIndex));
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                    {
                        containers.Push((reader.TokenType == JsonTokenType.StartArray, 0));
                        if (segment is not null)
                        {
                            path.Add(segment);
                        }
                    }

                    break;
            }
        }

        return map;
    }

    private static string Pointer(List<string> path, string last)
    {
        var sb = new StringBuilder();
        foreach (var segment in path.Append(last))
        {
            sb.Append('/').Append(segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return sb.ToString();
    }
}
