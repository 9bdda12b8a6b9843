using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PostTraining.Bench;

/// <summary>What the API answered for one benchmark target.</summary>
public sealed record CapturedEndpoint(Endpoint Endpoint, int Status, string ContentType, byte[] Body)
{
    public bool Available => Status == 200;
}

/// <summary>
/// Asks the running API for everything the baselines need: the exact answer to each benchmark target (for the
/// ceiling) and the data behind them exported as one JSON file (for json-server).
/// </summary>
public static class Capture
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<IReadOnlyList<CapturedEndpoint>> CaptureEndpointsAsync(Uri api, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api };
        var captured = new List<CapturedEndpoint>();
        foreach (var endpoint in Endpoint.All)
        {
            using var response = await http.GetAsync(new Uri(endpoint.ApiTarget, UriKind.Relative), ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var contentType = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            captured.Add(new CapturedEndpoint(endpoint, (int)response.StatusCode, contentType, body));
        }

        return captured;
    }

    /// <summary>Writes the ceiling's manifest (target, status, content type, body file) and returns its path.</summary>
    public static string WriteCeilingManifest(IReadOnlyList<CapturedEndpoint> captured, string folder)
    {
        var entries = new JsonArray();
        for (var i = 0; i < captured.Count; i++)
        {
            var c = captured[i];
            var file = $"{c.Endpoint.Name}.body";
            File.WriteAllBytes(Path.Combine(folder, file), c.Body);
            entries.Add(new JsonObject
            {
                ["target"] = c.Endpoint.ApiTarget,
                ["status"] = c.Status,
                ["contentType"] = c.ContentType,
                ["file"] = file,
            });
        }

        var path = Path.Combine(folder, "manifest.json");
        File.WriteAllText(path, entries.ToJsonString(Output));
        return path;
    }

    /// <summary>
    /// Exports the data as json-server wants it: the taxonomy document, every technique's detail (looked up by slug),
    /// the technique summaries (filtered by paradigm), the named entities (json-server's full-text <c>q</c> searches
    /// them) and the answered path query. Returns the db.json path.
    /// </summary>
    public static async Task<string> WriteJsonServerDatabaseAsync(Uri api, IReadOnlyList<CapturedEndpoint> captured, string folder, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = api };
        var db = new JsonObject();

        var taxonomy = captured.Single(c => c.Endpoint.Name == "taxonomy");
        db["taxonomy"] = taxonomy.Available ? JsonNode.Parse(taxonomy.Body) : new JsonObject();

        var summaries = await ListAllAsync(http, "/api/v1/techniques?limit=200", ct);
        db["technique-summaries"] = new JsonArray(summaries.Select(s => s.DeepClone()).ToArray());

        var details = new JsonArray();
        var entities = new JsonArray();
        foreach (var summary in summaries)
        {
            var slug = summary["slug"]!.GetValue<string>();
            var detail = await GetJsonAsync(http, $"/api/v1/techniques/{slug}", ct);
            if (detail is null)
            {
                continue;
            }

            details.Add(detail);
            entities.Add(SearchEntry(detail, "technique"));
        }

        db["techniques"] = details;

        // The other kinds the API's search covers; a list the API does not serve (yet) is skipped.
        foreach (var (kind, path) in new[]
                 {
                     ("paradigm", "/api/v1/paradigms"), ("reference", "/api/v1/references"), ("model", "/api/v1/models"),
                     ("dataset", "/api/v1/datasets"), ("limitation", "/api/v1/limitations"), ("formula", "/api/v1/formulas"),
                 })
        {
            foreach (var item in await ListAllAsync(http, path, ct))
            {
                entities.Add(SearchEntry(item, kind));
            }
        }

        db["entities"] = entities;

        var paths = captured.Single(c => c.Endpoint.Name == "paths");
        var answered = new JsonArray();
        if (paths.Available && JsonNode.Parse(paths.Body) is JsonObject pathAnswer)
        {
            // json-server filters on plain members; the query that produced the answer is kept beside it.
            var entry = new JsonObject { ["query"] = new JsonObject { ["from"] = "dpo", ["to"] = "ppo" } };
            foreach (var (key, value) in pathAnswer)
            {
                entry[key] = value?.DeepClone();
            }

            answered.Add(entry);
        }

        db["paths"] = answered;

        var file = Path.Combine(folder, "db.json");
        await File.WriteAllTextAsync(file, db.ToJsonString(Output), ct);
        return file;
    }

    /// <summary>The fields the API's search covers (names, abbreviation, aliases, slug, descriptions), plus kind and URL.</summary>
    private static JsonObject SearchEntry(JsonNode item, string kind)
    {
        var entry = new JsonObject { ["kind"] = kind };
        foreach (var member in new[] { "slug", "name", "abbreviation", "aliases", "title", "description", "url" })
        {
            if (item[member] is { } value)
            {
                entry[member] = value.DeepClone();
            }
        }

        return entry;
    }

    private static async Task<List<JsonNode>> ListAllAsync(HttpClient http, string first, CancellationToken ct)
    {
        var items = new List<JsonNode>();
        Uri? next = new(first, UriKind.Relative);
        for (var page = 0; next is not null && page < 10_000; page++)
        {
            var body = await GetJsonAsync(http, next.ToString(), ct);
            if (body?["items"] is not JsonArray array)
            {
                break;
            }

            items.AddRange(array.Where(i => i is not null).Select(i => i!));
            next = body["next"] is JsonValue n && n.TryGetValue<string>(out var url) ? new Uri(url, UriKind.RelativeOrAbsolute) : null;
        }

        return items;
    }

    private static async Task<JsonNode?> GetJsonAsync(HttpClient http, string target, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(target, UriKind.RelativeOrAbsolute), ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        return JsonNode.Parse(await response.Content.ReadAsStreamAsync(ct));
    }
}
