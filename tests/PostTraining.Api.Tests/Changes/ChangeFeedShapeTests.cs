using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Seed;
using PostTraining.Api.Tests.Writes;
using PostTraining.Data.Seed;

namespace PostTraining.Api.Tests.Changes;

/// <summary>
/// The change feed's before/after are the content contract's records whoever wrote the change: a technique (a
/// method, so a node kind in <c>kind</c> would show) and a reference link written through the API and the same written
/// by the data-file loader carry the same members.
/// </summary>
public sealed class ChangeFeedShapeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Reference = "arxiv-2305-18290";

    [Fact]
    public async Task ATechniqueAndAReferenceLinkWrittenByTheApiAndByTheLoaderHaveTheSameMembers()
    {
        var (_, secret) = await api.CreateKeyAsync("shape-curator", "write");
        var curator = api.ClientWithKey(secret);
        var created = await curator.PostJsonAsync("/api/v1/techniques", JsonSerializer.SerializeToNode(Technique("shape-api"), Web)!);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var linked = await curator.PostJsonAsync("/api/v1/techniques/shape-api/references", new { reference = Reference, role = "uses" });
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);

        var file = Path.Combine(Path.GetTempPath(), $"shape-{Guid.NewGuid():N}.json");
        var loaded = Technique("shape-loaded") with { References = [new Link(Reference, "uses")] };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { techniques = new[] { loaded } }, Web));
        try
        {
            await SeedDatabase.LoadAsync(api.Services, DataSet.Load(DataFiles.Paths().Append(file)));
        }
        finally
        {
            File.Delete(file);
        }

        var feed = await FeedAsync(api.ClientWithKey(null));
        var byApi = feed.Single(e => e.Kind == "technique" && e.Key == "shape-api");
        var byLoader = feed.Single(e => e.Kind == "technique" && e.Key == "shape-loaded");
        Assert.Equal(Members(byApi.After), Members(byLoader.After));
        Assert.Equal("method", byLoader.After.GetProperty("kind").GetString());
        Assert.Equal("dpo", byLoader.After.GetProperty("parent").GetString());
        Assert.False(byLoader.After.TryGetProperty("depth", out _));
        Assert.False(byLoader.After.TryGetProperty("source", out _));

        var linkByApi = feed.Single(e => e.Kind == "technique-reference" && e.Key == $"shape-api/{Reference}");
        var linkByLoader = feed.Single(e => e.Kind == "technique-reference" && e.Key == $"shape-loaded/{Reference}");
        Assert.Equal(Members(linkByApi.After), Members(linkByLoader.After));
        Assert.Equal(["reference", "role", "technique"], Members(linkByLoader.After));
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static Body Technique(string slug) => new(
        slug, "dpo", "method", new Text($"Shape {slug}", "形状"), "SHP", [$"{slug}-alias"],
        new Text("A method for the shape test.", "测试"), 2024, 90, true, false);

    private sealed record Text(string En, string Zh);

    private sealed record Link(string Reference, string Role);

    private sealed record Body(string Slug, string Parent, string Kind, Text Name, string Abbreviation, string[] Aliases,
        Text Description, int Year, int Position, bool Verified, bool LacksReference, Link[]? References = null);

    /// <summary>Every member path ("name.en"), sorted.</summary>
    private static List<string> Members(JsonElement value, string prefix = "")
    {
        var members = new List<string>();
        foreach (var property in value.EnumerateObject())
        {
            var path = prefix + property.Name;
            members.Add(path);
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                members.AddRange(Members(property.Value, path + "."));
            }
        }

        members.Sort(StringComparer.Ordinal);
        return members;
    }

    private sealed record Entry(string Kind, string Key, JsonElement After);

    private static async Task<List<Entry>> FeedAsync(HttpClient client)
    {
        var entries = new List<Entry>();
        string? url = "/api/v1/changes?limit=200";
        while (url is not null)
        {
            var page = await client.GetJsonAsync(url);
            entries.AddRange(page.GetProperty("items").EnumerateArray()
                .Where(i => i.TryGetProperty("after", out _))
                .Select(i => new Entry(i.GetProperty("kind").GetString()!, i.GetProperty("key").GetString()!, i.GetProperty("after").Clone())));
            url = page.TryGetProperty("next", out var next) ? next.GetString() : null;
        }

        return entries;
    }
}
