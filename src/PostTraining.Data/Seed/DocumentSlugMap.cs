using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PostTraining.Data.Seed;

/// <summary>
/// data/document-slugs.json: the slug and English name of each item the document names only in Chinese (limitations,
/// formula topics, the two further branches). The file is embedded in this assembly so the parser never depends on
/// the working folder.
/// </summary>
public sealed class DocumentSlugMap(IReadOnlyDictionary<string, DocumentSlugMap.Entry> entries)
{
    public const string FileName = "data/document-slugs.json";

    public sealed record Entry(
        [property: JsonPropertyName("slug")] string Slug,
        [property: JsonPropertyName("en")] string En,
        [property: JsonPropertyName("kind")] string? Kind = null);

    private static readonly Lazy<DocumentSlugMap> Embedded = new(LoadEmbedded);

    /// <summary>The committed map.</summary>
    public static DocumentSlugMap Default => Embedded.Value;

    public IReadOnlyDictionary<string, Entry> Entries { get; } = entries;

    public bool TryGet(string chinese, out Entry entry) => Entries.TryGetValue(chinese.Trim(), out entry!);

    public static DocumentSlugMap Parse(string json)
    {
        var options = new JsonSerializerOptions { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };
        var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(json, options)
            ?? throw new InvalidDataException($"{FileName} is empty.");
        foreach (var (key, entry) in entries)
        {
            if (!Slugs.IsValid(entry.Slug) || string.IsNullOrWhiteSpace(entry.En))
            {
                throw new InvalidDataException($"{FileName}: the entry for '{key}' needs a valid slug and an English name.");
            }
        }

        return new DocumentSlugMap(entries);
    }

    private static DocumentSlugMap LoadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PostTraining.Data.Seed.document-slugs.json")
            ?? throw new InvalidOperationException($"{FileName} is not embedded in {Assembly.GetExecutingAssembly().GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }
}
