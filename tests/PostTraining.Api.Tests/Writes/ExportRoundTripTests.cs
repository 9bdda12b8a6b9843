using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Cli;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Data;
using PostTraining.Data.Content;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.Writes;

/// <summary>
/// Export and restore: the seeded database plus API edits, exported by the command and by GET /api/v1/export, loads
/// into an empty database with every entity, link and edge as the source holds them.
/// </summary>
public sealed class ExportRoundTripTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AnExportLoadsIntoAnEmptyDatabaseWithEveryEntityAndEdgeIntact()
    {
        await EditThroughTheApiAsync();

        // The command and the endpoint write the same document.
        var path = Path.Combine(Path.GetTempPath(), $"posttraining-export-{Guid.NewGuid():N}.json");
        Assert.Equal(0, await CommandLine.TryRunAsync(["export", "--out", path, $"--ConnectionStrings:Postgres={api.ConnectionString}"]));
        var client = api.ClientWithKey(null);
        var response = await client.GetAsync("/api/v1/export");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(await File.ReadAllTextAsync(path), await response.Content.ReadAsStringAsync());
        var revalidated = new HttpRequestMessage(HttpMethod.Get, "/api/v1/export");
        revalidated.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidated)).StatusCode);

        // Restore: the export alone (load --only), into a new, empty database the command creates and migrates.
        var target = await TestPostgres.NewDatabaseAsync("restore");
        Assert.Equal(0, await CommandLine.TryRunAsync(["load", "--only", "--file", path, $"--ConnectionStrings:Postgres={target}"]));
        await using var services = new ServiceCollection().AddPostTrainingData(target).BuildServiceProvider();

        var source = await ContentOfAsync(api.Services);
        var restored = await ContentOfAsync(services);
        Assert.Equal(source.Nodes.Count, restored.Nodes.Count);
        Assert.Equal(source.Links.Count, restored.Links.Count);
        Assert.Equal(source.Edges.Count, restored.Edges.Count);
        Assert.Equal(source.Types.Count, restored.Types.Count);
        foreach (var (key, fields) in source.Nodes)
        {
            Assert.True(restored.Nodes.TryGetValue(key, out var back), $"{key} is missing after the restore");
            if (fields["Source"] is null)
            {
                back["Source"] = null;
            }

            Assert.True(JsonNode.DeepEquals(fields, back), $"{key} differs:\n{fields.ToJsonString()}\n{back.ToJsonString()}");
        }

        Assert.Equal(source.Links.Order(), restored.Links.Order());
        Assert.Equal(source.Edges.Order(), restored.Edges.Order());
        Assert.Equal(source.Types.Order(), restored.Types.Order());
        var comparisons = await ComparisonsOfAsync(api.Services);
        Assert.NotEmpty(comparisons);
        Assert.Equal(comparisons, await ComparisonsOfAsync(services));
        Assert.Contains("technique:rt-renamed", source.Nodes.Keys);
        Assert.DoesNotContain("technique:rt-deleted", source.Nodes.Keys);
        File.Delete(path);
    }

    private async Task EditThroughTheApiAsync()
    {
        var admin = api.AdminClient();
        async Task<HttpResponseMessage> Created(Task<HttpResponseMessage> request)
        {
            var response = await request;
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return response;
        }

        await Created(admin.PostJsonAsync("/api/v1/paradigms", new { slug = "rt-paradigm", name = new { en = "Round trip", zh = "往返" }, goal = new { en = "Survive", zh = "存活" }, aliases = new[] { "RT" }, position = 50 }));
        await Created(admin.PostJsonAsync("/api/v1/techniques", new { slug = "rt-top", paradigm = "rt-paradigm", name = new { en = "Top", zh = "顶" }, abbreviation = "TOP", year = 2023, description = new { en = "Top of the round trip." } }));
        await Created(admin.PostJsonAsync("/api/v1/techniques", new { slug = "rt-method", parent = "rt-top", kind = "method", name = new { en = "A method" }, verified = false }));
        var doomed = await Created(admin.PostJsonAsync("/api/v1/techniques", new { slug = "rt-deleted", paradigm = "rt-paradigm", name = new { en = "Doomed", zh = "注定" } }));
        await Created(admin.PostJsonAsync("/api/v1/references", new { slug = "rt-paper", title = "Round trips considered", authors = new[] { "A. Author", "B. Author" }, year = 2024, arxivId = "2401.00001", language = "en" }));
        await Created(admin.PostJsonAsync("/api/v1/techniques/rt-method/references", new { reference = "rt-paper", role = "defines" }));
        await Created(admin.PostJsonAsync("/api/v1/relationships", new { type = "builds-on", source = "technique:rt-method", target = "technique:dpo", reference = "rt-paper", note = new { en = "A note", zh = "注" } }));

        // A seeded entity edited, one renamed, one deleted: the export holds the database, not the files.
        var dpo = await admin.ETagOfAsync("/api/v1/techniques/dpo");
        Assert.Equal(HttpStatusCode.OK, (await admin.MergePatchAsync("/api/v1/techniques/dpo", new { aliases = new[] { "direct preference optimisation", "edited by the round trip" } }, dpo)).StatusCode);
        var top = await admin.ETagOfAsync("/api/v1/techniques/rt-top");
        Assert.Equal(HttpStatusCode.OK, (await admin.MergePatchAsync("/api/v1/techniques/rt-top", new { slug = "rt-renamed" }, top)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/techniques/rt-deleted", await admin.ETagOfAsync("/api/v1/techniques/rt-deleted"))).StatusCode);
        Assert.NotNull(doomed.Headers.ETag);
    }

    /// <summary>
    /// The provenance a file can carry: section and original. A row written through the API has no section, and a
    /// loaded file gives every entry one (its place in the file), so only a section the source has is compared.
    /// </summary>
    private static JsonNode? Provenance(Provenance p) =>
        p.Section is null || p.Kind == SourceKind.Api ? null : new JsonObject { ["section"] = p.Section, ["original"] = p.Original };

    /// <summary>Each comparison table (axes, rows, cells) as content, its entities named by slug.</summary>
    private static async Task<List<string>> ComparisonsOfAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var nodes = await db.Nodes.AsNoTracking().ToDictionaryAsync(n => n.Id, n => (n.Kind, n.Slug));
        var comparisons = await db.Comparisons.AsNoTracking().Include(c => c.Axes).Include(c => c.Rows).AsSplitQuery().OrderBy(c => c.Slug).ToListAsync();
        return [.. comparisons.Select(c => JsonSerializer.Serialize(ContentOf.Comparison(c, id => nodes.TryGetValue(id, out var n) ? n : null)))];
    }

    private sealed record Content(Dictionary<string, JsonObject> Nodes, List<string> Links, List<string> Edges, List<string> Types);

    /// <summary>
    /// Every stored field of every row, read from the database by reflection over the entities (so a field the
    /// export forgot shows up as a difference), with ids replaced by slugs. Left out: ids, times, row versions and
    /// the provenance kind and document (a restored row is curated data from the export file).
    /// </summary>
    private static async Task<Content> ContentOfAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PostTrainingDbContext>();
        var nodes = await db.Nodes.AsNoTracking().ToListAsync();
        var keys = nodes.ToDictionary(n => n.Id, n => $"{n.Kind}:{n.Slug}".ToLowerInvariant());
        string? Key(long? id) => id is { } i ? keys[i] : null;

        var content = new Content([], [], [], []);
        foreach (var node in nodes)
        {
            var fields = new JsonObject();
            foreach (var property in node.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (property.Name is "Id" or "Version" or "CreatedAt" or "UpdatedAt" or "LoadedAt")
                {
                    continue;
                }

                fields[property.Name] = property.GetValue(node) switch
                {
                    null => null,
                    long id when property.Name.EndsWith("Id", StringComparison.Ordinal) => Key(id),
                    string or int or bool or Enum => JsonValue.Create(property.GetValue(node)!.ToString()),
                    List<string> list => JsonValue.Create(string.Join(" | ", list)),
                    List<FormulaSymbol> symbols => JsonValue.Create(string.Join(" | ", symbols.Select(s => $"{s.Symbol}={s.MeaningEn}/{s.MeaningZh}"))),
                    Provenance p => Provenance(p),
                    _ => null, // navigations: their ids are compared above
                };
            }

            content.Nodes[keys[node.Id]] = fields;
        }

        var links = await db.TechniqueReferences.AsNoTracking().Select(l => new { l.TechniqueId, l.ReferenceId, l.Role }).ToListAsync();
        content.Links.AddRange(links.Select(l => $"{Key(l.TechniqueId)} {Key(l.ReferenceId)} {l.Role}"));
        var types = await db.RelationTypes.AsNoTracking().ToListAsync();
        var typeSlugs = types.ToDictionary(t => t.Id, t => t.Slug);
        content.Types.AddRange(types.Select(t => JsonSerializer.Serialize(new
        {
            t.Slug, t.NameEn, t.NameZh, t.InverseNameEn, t.InverseNameZh, t.DescriptionEn, t.DescriptionZh, t.Symmetric, t.Transitive, t.Acyclic, t.Prerequisite,
        })));
        content.Edges.AddRange((await db.Relationships.AsNoTracking().ToListAsync()).Select(r => JsonSerializer.Serialize(new
        {
            Type = typeSlugs[r.TypeId], Source = Key(r.SourceId), Target = Key(r.TargetId), r.NoteEn, r.NoteZh, r.Verified, Reference = Key(r.Source.ReferenceId),
        })));
        return content;
    }
}
