using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace PostTraining.Data.Seed;

/// <summary>
/// One content file, read and checked: well-formed JSON, valid against data/curated.schema.json (which also rejects
/// unknown members), and deserialized. Errors name the file, the entry and the line.
/// </summary>
public sealed class DataFile
{
    private static readonly Lazy<JsonSchema> Schema = new(LoadSchema);

    private DataFile(string name, string path, byte[] bytes, JsonObject root, ContentFile content, JsonLineMap lines)
    {
        Name = name;
        Path = path;
        Bytes = bytes;
        Root = root;
        Content = content;
        Lines = lines;
    }

    /// <summary>The file name used in messages and provenance (e.g. "curated.json").</summary>
    public string Name { get; }

    public string Path { get; }
    public byte[] Bytes { get; }

    /// <summary>The file as a JSON tree, which the merge works on.</summary>
    public JsonObject Root { get; }

    public ContentFile Content { get; }
    public JsonLineMap Lines { get; }

    /// <summary>True for the file the importer generated from the source document (it names the document).</summary>
    public bool IsDocumentSeed => Content.Document is not null;

    public static DataFile Read(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new DataFileException([new DataFileError(path, null, null, "the file does not exist")]);
        }

        return Parse(name, path, File.ReadAllBytes(path));
    }

    public static DataFile Parse(string name, string path, byte[] bytes)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            throw new DataFileException([new DataFileError(name, null, (int?)e.LineNumber + 1, $"not valid JSON: {FirstSentence(e.Message)}")]);
        }

        if (node is not JsonObject root)
        {
            throw new DataFileException([new DataFileError(name, null, 1, "the file must hold one JSON object")]);
        }

        var lines = JsonLineMap.Build(bytes);
        var errors = Validate(name, root, lines);
        if (errors.Count > 0)
        {
            throw new DataFileException(errors);
        }

        ContentFile content;
        try
        {
            content = root.Deserialize<ContentFile>(ContentJson.Options) ?? new ContentFile();
        }
        catch (JsonException e)
        {
            // The schema should have caught this; the serializer's own check is the backstop.
            var pointer = JsonPathToPointer(e.Path);
            throw new DataFileException([new DataFileError(name, EntryAt(root, pointer), lines.LineOf(pointer), FirstSentence(e.Message))]);
        }

        return new DataFile(name, path, bytes, root, content, lines);
    }

    /// <summary>"techniques[12] 'lora'" for a pointer into that entry; relationships are named by their ends.</summary>
    public string? EntryAt(string pointer) => EntryAt(Root, pointer);

    public DataFileError Error(string pointer, string reason) => new(Name, EntryAt(pointer), Lines.LineOf(pointer), reason);

    /// <summary>SHA-256 of the files' names and bytes: what start-up compares to decide whether to load again.</summary>
    public static string Hash(IEnumerable<DataFile> files) => Hash(files.Select(f => (f.Name, f.Bytes)));

    public static string Hash(IEnumerable<(string Name, byte[] Bytes)> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in files)
        {
            sha.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            sha.AppendData(bytes);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static List<DataFileError> Validate(string name, JsonObject root, JsonLineMap lines)
    {
        using var document = JsonDocument.Parse(root.ToJsonString());
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = new List<DataFileError>();
        var seen = new HashSet<(string, string)>();
        foreach (var detail in (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }))
        {
            var pointer = detail.InstanceLocation.ToString();
            foreach (var (keyword, message) in detail.Errors!)
            {
                var reason = Explain(pointer, keyword, message);
                if (seen.Add((pointer, reason)))
                {
                    errors.Add(new DataFileError(name, EntryAt(root, pointer), lines.LineOf(pointer), reason));
                }
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new DataFileError(name, null, 1, "does not match the content-file schema"));
        }

        return [.. errors.OrderBy(e => e.Line ?? 0)];
    }

    private static string Explain(string pointer, string keyword, string message)
    {
        var member = pointer.Length == 0 ? "the file" : $"'{pointer}'";
        return keyword switch
        {
            "additionalProperties" or "falseSchema" or "" when message.Contains("false schema", StringComparison.OrdinalIgnoreCase)
                => $"unknown member {member}",
            _ => $"{member}: {message}",
        };
    }

    private static string? EntryAt(JsonObject root, string pointer)
    {
        var segments = pointer.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || !int.TryParse(segments[1], out var index) || root[segments[0]] is not JsonArray list
            || index >= list.Count || list[index] is not JsonObject entry)
        {
            return null;
        }

        var label = entry["slug"] is JsonValue slug && slug.TryGetValue<string>(out var s)
            ? $"'{s}'"
            : entry["type"] is JsonValue type && type.TryGetValue<string>(out var t)
                ? $"({t} {entry["source"]} -> {entry["target"]})"
                : "";
        return $"{segments[0]}[{index}] {label}".TrimEnd();
    }

    /// <summary>"$.techniques[3].foo" -> "/techniques/3/foo".</summary>
    private static string JsonPathToPointer(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "";
        }

        var pointer = path.TrimStart('$').Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal)
            .Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        return pointer.Replace('.', '/');
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }

    private static JsonSchema LoadSchema()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PostTraining.Data.Seed.curated.schema.json")
            ?? throw new InvalidOperationException("data/curated.schema.json is not embedded in PostTraining.Data.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}
