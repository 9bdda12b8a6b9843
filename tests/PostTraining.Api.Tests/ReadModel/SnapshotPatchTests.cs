using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PostTraining.Api.Http;
using PostTraining.Api.ReadModel;
using PostTraining.Api.Search;
using PostTraining.Api.Taxonomy;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;
using PostTraining.Data.Entities;

namespace PostTraining.Api.Tests.ReadModel;

/// <summary>
/// After API writes the read model is patched from the change feed instead of reloaded. Whatever the writes, the
/// patched snapshot must serve exactly what a full load of the same database would: every detail, the taxonomy,
/// and search.
/// </summary>
public sealed class SnapshotPatchTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _admin = api.AdminClient();

    [Fact]
    public async Task EveryKindOfWriteIsPatchedAndThePatchedSnapshotEqualsAFullLoad()
    {
        var refresher = api.Services.GetRequiredService<SnapshotRefresher>();
        var patchesBefore = refresher.Patches;

        await Created(_admin.PostJsonAsync("/api/v1/paradigms", new { slug = "p-para", name = new { en = "Patch paradigm", zh = "补丁范式" }, goal = new { en = "Goal", zh = "目标" }, position = 80 }));
        await Created(_admin.PostJsonAsync("/api/v1/techniques", new { slug = "p-top", paradigm = "p-para", name = new { en = "Patch top", zh = "补丁顶层" }, abbreviation = "PTOP" }));
        await Created(_admin.PostJsonAsync("/api/v1/techniques", new { slug = "p-child", parent = "p-top", name = new { en = "Patch child", zh = "补丁子项" }, aliases = new[] { "patchling" } }));
        await AssertEquivalentAsync();

        // An update of an entity the seed made, and a rename.
        var dpo = await _admin.ETagOfAsync("/api/v1/techniques/dpo");
        await Ok(_admin.MergePatchAsync("/api/v1/techniques/dpo", new { description = new { en = "Preference optimisation without a reward model, patched." } }, dpo));
        var child = await _admin.ETagOfAsync("/api/v1/techniques/p-child");
        await Ok(_admin.MergePatchAsync("/api/v1/techniques/p-child", new { slug = "p-renamed" }, child));
        await AssertEquivalentAsync();

        // A move to another parent: depths change below it, so the search index is rebuilt whole, and still agrees.
        await Created(_admin.PostJsonAsync("/api/v1/techniques", new { slug = "p-other", paradigm = "p-para", name = new { en = "Patch other", zh = "补丁另一" } }));
        await Ok(_admin.MergePatchAsync("/api/v1/techniques/p-renamed", new { parent = "p-other" }, await _admin.ETagOfAsync("/api/v1/techniques/p-renamed")));
        await AssertEquivalentAsync();

        // References and their links, relationships created, changed and deleted.
        await Created(_admin.PostJsonAsync("/api/v1/references", new { slug = "p-paper", title = "A patched paper", year = 2025, url = "https://example.org/p" }));
        await Created(_admin.PostJsonAsync("/api/v1/techniques/p-top/references", new { reference = "p-paper", role = "uses" }));
        var edge = await Created(_admin.PostJsonAsync("/api/v1/relationships", new { type = "builds-on", source = "technique:p-renamed", target = "technique:dpo" }));
        var edgeUrl = edge.Headers.Location!.AbsolutePath;
        await Ok(_admin.MergePatchAsync(edgeUrl, new { note = new { en = "Patched note" } }, edge.Headers.ETag!.ToString()));
        await AssertEquivalentAsync();

        var link = await _admin.ETagOfAsync("/api/v1/techniques/p-top/references/p-paper");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/techniques/p-top/references/p-paper", link)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync(edgeUrl, await _admin.ETagOfAsync(edgeUrl))).StatusCode);
        await AssertEquivalentAsync();

        // A cascade: the paradigm, its techniques and whatever pointed at them.
        var para = await _admin.ETagOfAsync("/api/v1/paradigms/p-para");
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync("/api/v1/paradigms/p-para?cascade=true", para)).StatusCode);
        await AssertEquivalentAsync();

        Assert.True(refresher.Patches - patchesBefore >= 12, $"expected every write to be patched, got {refresher.Patches - patchesBefore} patches");
    }

    [Fact]
    public void ADeltaReplacesRowsByIdKeepsRelationshipsInIdOrderAndDropsWhatItDoesNotGiveBack()
    {
        var source = new SnapshotSource(
            [Node(1, "a"), Node(2, "b"), Node(3, "c")],
            [new TechniqueReferenceRow(1, 3, ReferenceRole.Introduces), new TechniqueReferenceRow(2, 3, ReferenceRole.Uses)],
            [],
            [Edge(10, 1, 2), Edge(20, 2, 1), Edge(30, 1, 3)]);
        var delta = new SnapshotDelta(
            ChangeMark: 9,
            ChangeCount: 4,
            NodeIds: new HashSet<long> { 2, 3, 4 },
            Nodes: [Node(2, "b-renamed"), Node(4, "d")],
            RelationshipIds: new HashSet<long> { 20, 25, 40 },
            Relationships: [Edge(20, 2, 4), Edge(25, 4, 1), Edge(40, 4, 2)],
            LinkTechniqueIds: new HashSet<long> { 1 },
            Links: []);

        var patched = delta.ApplyTo(source);

        Assert.Equal(["a", "b-renamed", "d"], patched.Nodes.Select(n => n.Slug).Order());
        Assert.Equal([10L, 20, 25, 30, 40], patched.Relationships.Select(r => r.Id));
        Assert.Equal(4, patched.Relationships.Single(r => r.Id == 20).TargetId);
        Assert.Equal([(2L, 3L)], patched.TechniqueReferences.Select(l => (l.TechniqueId, l.ReferenceId)));
    }

    /// <summary>Compares what the patched snapshot serves with a snapshot built from a full load of the database.</summary>
    private async Task AssertEquivalentAsync()
    {
        var patched = api.Services.GetRequiredService<SnapshotHolder>().Required;
        var (source, changeMark) = await api.Services.GetRequiredService<SnapshotLoader>().LoadAsync(CancellationToken.None);
        var full = TaxonomySnapshot.Build(source, changeMark: changeMark);

        Assert.Equal(full.ChangeMark, patched.ChangeMark);
        Assert.Equal(Keys(full), Keys(patched));
        foreach (var node in full.Techniques.Concat(NodeKinds.DisplayOrder.SelectMany(full.OfKind)))
        {
            Assert.True(patched.TryGetNode(node.Kind, node.Slug, out var other), $"{node.Key} missing from the patched snapshot");
            Assert.Equal(Text(EntityDetails.Node(full, node)), Text(EntityDetails.Node(patched, other)));
        }

        Assert.Equal(full.Relationships.Select(e => Text(EntityDetails.Relationship(full, e))), patched.Relationships.Select(e => Text(EntityDetails.Relationship(patched, e))));
        Assert.Equal(Text(Taxonomy(full)), Text(Taxonomy(patched)));
        foreach (var query in new[] { "patch", "ptop", "补丁", "patchling", "preference", "dpo", "偏好", "patcg" })
        {
            Assert.Equal(Hits(full, query), Hits(patched, query));
        }
    }

    private static PostTraining.Api.Http.CachedBody Taxonomy(TaxonomySnapshot snapshot) =>
        ApiJson.Body(TaxonomyExport.Json(TaxonomyScope.Whole(snapshot)), TaxonomyJson.Context.TaxonomyDocument);

    private static string[] Keys(TaxonomySnapshot snapshot) =>
        NodeKinds.DisplayOrder.SelectMany(snapshot.OfKind).Select(n => n.Key).Order(StringComparer.Ordinal).ToArray();

    private static string[] Hits(TaxonomySnapshot snapshot, string query) =>
        snapshot.Search.Find(query, 20).Select(h => $"{h.Node.Key} {h.Score} {h.Field} {h.Highlight}").ToArray();

    private static string Text(PostTraining.Api.Http.CachedBody body) => System.Text.Encoding.UTF8.GetString(body.Bytes);

    private static async Task<HttpResponseMessage> Created(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    private static async Task Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static NodeRow Node(long id, string slug) => new() { Id = id, Kind = NodeKind.Technique, Slug = slug };

    private static RelationshipRow Edge(long id, long source, long target) => new() { Id = id, TypeId = 1, SourceId = source, TargetId = target };
}
