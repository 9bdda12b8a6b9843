using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Auth;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.ReadModel;

namespace PostTraining.Api.Tests.Writes;

/// <summary>
/// Every write status through real requests against the seeded service. Each test creates its own entities under
/// its own slugs, so the tests share the database without depending on each other.
/// </summary>
public sealed class WriteApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    /// <summary>An acyclic relation type of the curated data.</summary>
    private const string AcyclicType = "builds-on";

    private readonly HttpClient _admin = api.AdminClient();

    [Fact]
    public async Task CreateAnswers201WithLocationAndTheETagThatGetThenServes()
    {
        var response = await _admin.PostJsonAsync("/api/v1/paradigms", Paradigm("w-create"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("http://localhost/api/v1/paradigms/w-create", response.Headers.Location?.ToString());
        var etag = response.Headers.ETag?.ToString();
        Assert.NotNull(etag);
        using var created = await response.ReadJsonAsync();
        Assert.Equal("w-create", created.RootElement.GetProperty("slug").GetString());

        // Read your writes: the detail, the taxonomy and search show it before the next request.
        var get = await _admin.GetAsync("/api/v1/paradigms/w-create");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(etag, get.Headers.ETag?.ToString());
        Assert.Contains("\"w-create\"", await _admin.GetStringAsync("/api/v1/taxonomy"), StringComparison.Ordinal);
        Assert.True((await _admin.GetJsonAsync("/api/v1/search?q=wcreate")).HasSlug("w-create"));
    }

    [Fact]
    public async Task InvalidBodiesAre400NamingEachMember()
    {
        await CreateParadigmAsync("w-invalid");
        var technique = await _admin.PostJsonAsync("/api/v1/techniques", new
        {
            slug = "Not A Slug",
            paradigm = "w-invalid",
            name = new { en = "X" },
            year = 1800,
        });
        var members = await technique.ErrorMembersAsync();
        Assert.Contains("slug", members);
        Assert.Contains("year", members);
        Assert.Contains("name.zh", members); // a technique needs its Chinese name too

        // An unknown member is named on its own: the body is not what the client thinks it is.
        var unknown = await _admin.PostJsonAsync("/api/v1/techniques", new { slug = "w-unknown", paradigm = "w-invalid", name = new { en = "X", zh = "十" }, colour = "red" });
        Assert.Equal(["colour"], await unknown.ErrorMembersAsync());

        var reference = await _admin.PostJsonAsync("/api/v1/references", new { title = "A paper", url = "ftp://example.org/p", arxivId = "not-an-id", language = "english please" });
        var referenceMembers = await reference.ErrorMembersAsync();
        Assert.Contains("url", referenceMembers);
        Assert.Contains("arxivId", referenceMembers);
        Assert.Contains("language", referenceMembers);

        // Nothing was written.
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/v1/techniques/not-a-slug")).StatusCode);
    }

    [Fact]
    public async Task ABadQueryParameterABadBodyAndABindingFailureAnswerTheSameValidationShape()
    {
        var query = await _admin.GetAsync("/api/v1/search?q=dpo&limit=0");
        var binding = await _admin.GetAsync("/api/v1/techniques?limit=abc");
        var body = await _admin.PostJsonAsync("/api/v1/references", new { title = "A paper", url = "ftp://example.org/p" });

        foreach (var (response, member) in new[] { (query, "limit"), (binding, "limit"), (body, "url") })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = await response.ReadJsonAsync();
            var root = problem.RootElement;
            Assert.Equal("Invalid request", root.GetProperty("title").GetString());
            Assert.Equal(400, root.GetProperty("status").GetInt32());
            Assert.StartsWith($"'{member}': ", root.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(root.GetProperty("errors").TryGetProperty(member, out _));
        }
    }

    [Fact]
    public async Task ADuplicateSlugIs409()
    {
        await CreateParadigmAsync("w-duplicate");
        var again = await _admin.PostJsonAsync("/api/v1/paradigms", Paradigm("w-duplicate"));
        await again.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task DeletingAParadigmWithTechniquesIs409UntilCascadeAndThenBoth410()
    {
        await CreateParadigmAsync("w-parent");
        await CreateTechniqueAsync("w-child", paradigm: "w-parent");
        // The paradigm's representation lists its techniques, so adding one gave it a new ETag.
        var etag = await _admin.ETagOfAsync("/api/v1/paradigms/w-parent");

        var refused = await _admin.DeleteAsync("/api/v1/paradigms/w-parent", etag);
        await refused.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/techniques/w-child")).StatusCode);

        var deleted = await _admin.DeleteAsync("/api/v1/paradigms/w-parent?cascade=true", etag);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _admin.GetAsync("/api/v1/paradigms/w-parent")).AssertProblemAsync(HttpStatusCode.Gone);
        await (await _admin.GetAsync("/api/v1/techniques/w-child")).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.DoesNotContain("\"w-child\"", await _admin.GetStringAsync("/api/v1/taxonomy"), StringComparison.Ordinal);
        // A slug that never existed stays a plain 404.
        await (await _admin.GetAsync("/api/v1/paradigms/w-never")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEdgeClosingACycleInAnAcyclicTypeIs409AndASelfLoopIs400()
    {
        await CreateParadigmAsync("w-cycle");
        await CreateTechniqueAsync("w-cycle-a", paradigm: "w-cycle");
        await CreateTechniqueAsync("w-cycle-b", paradigm: "w-cycle");
        await CreateTechniqueAsync("w-cycle-c", paradigm: "w-cycle");

        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-cycle-a", "w-cycle-b"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-cycle-b", "w-cycle-c"))).StatusCode);

        await (await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-cycle-c", "w-cycle-a"))).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["target"], await (await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-cycle-a", "w-cycle-a"))).ErrorMembersAsync());
    }

    [Fact]
    public async Task MovingATechniqueUnderItsOwnDescendantIs409()
    {
        await CreateParadigmAsync("w-tree");
        await CreateTechniqueAsync("w-tree-top", paradigm: "w-tree");
        await CreateTechniqueAsync("w-tree-mid", parent: "w-tree-top");
        await CreateTechniqueAsync("w-tree-leaf", parent: "w-tree-mid");
        var top = await _admin.ETagOfAsync("/api/v1/techniques/w-tree-top");

        var move = await _admin.MergePatchAsync("/api/v1/techniques/w-tree-top", new { parent = "w-tree-leaf", paradigm = (string?)null }, top);
        await move.AssertProblemAsync(HttpStatusCode.Conflict);
        var technique = await _admin.GetJsonAsync("/api/v1/techniques/w-tree-top");
        Assert.Equal(top, await _admin.ETagOfAsync("/api/v1/techniques/w-tree-top"));
        Assert.Equal("w-tree", technique.GetProperty("paradigm").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task ChangesNeedIfMatch428AndAStaleOneIs412()
    {
        var etag = await CreateParadigmAsync("w-precondition");

        await (await _admin.MergePatchAsync("/api/v1/paradigms/w-precondition", new { position = 7 }, ifMatch: null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await _admin.DeleteAsync("/api/v1/paradigms/w-precondition", ifMatch: null)).AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        await (await _admin.MergePatchAsync("/api/v1/paradigms/w-precondition", new { position = 7 }, "\"not-the-etag\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(etag, await _admin.ETagOfAsync("/api/v1/paradigms/w-precondition"));
    }

    [Fact]
    public async Task TwoClientsWithOneETagOneWinsTheOtherGets412()
    {
        var etag = await CreateParadigmAsync("w-lost-update");
        var alice = api.AdminClient();
        var bob = api.AdminClient();

        var first = await alice.MergePatchAsync("/api/v1/paradigms/w-lost-update", new { goal = new { en = "Goal set by Alice", zh = "甲的目标" } }, etag);
        var second = await bob.MergePatchAsync("/api/v1/paradigms/w-lost-update", new { goal = new { en = "Goal set by Bob", zh = "乙的目标" } }, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await second.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var stored = await _admin.GetJsonAsync("/api/v1/paradigms/w-lost-update");
        Assert.Equal("Goal set by Alice", stored.GetProperty("goal").GetProperty("en").GetString());
        Assert.Equal(first.Headers.ETag?.ToString(), await _admin.ETagOfAsync("/api/v1/paradigms/w-lost-update"));
    }

    [Fact]
    public async Task MergePatchChangesOnlyTheNamedMembersAndNullRemovesOne()
    {
        await CreateParadigmAsync("w-patch");
        var etag = await CreateTechniqueAsync("w-patch-t", paradigm: "w-patch", abbreviation: "WPT", aliases: ["patch me"]);

        var wrongType = await _admin.SendAsync(new HttpRequestMessage(HttpMethod.Patch, "/api/v1/techniques/w-patch-t")
        {
            Content = new StringContent("{\"year\":2021}", System.Text.Encoding.UTF8, "application/json"),
            Headers = { IfMatch = { System.Net.Http.Headers.EntityTagHeaderValue.Parse(etag) } },
        });
        await wrongType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var patched = await _admin.MergePatchAsync("/api/v1/techniques/w-patch-t", new { year = 2021, abbreviation = (string?)null }, etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual(etag, patched.Headers.ETag?.ToString());

        var technique = await _admin.GetJsonAsync("/api/v1/techniques/w-patch-t");
        Assert.Equal(2021, technique.GetProperty("year").GetInt32());
        Assert.Null(technique.Str("abbreviation"));
        Assert.Contains("patch me", technique.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Technique w-patch-t", technique.GetProperty("name").GetProperty("en").GetString());
    }

    [Fact]
    public async Task PutReplacesTheWholeEntity()
    {
        await CreateParadigmAsync("w-put");
        var etag = await CreateTechniqueAsync("w-put-t", paradigm: "w-put", abbreviation: "WPUT", aliases: ["old alias"]);

        var replaced = await _admin.PutJsonAsync("/api/v1/techniques/w-put-t", new
        {
            paradigm = "w-put",
            name = new { en = "Replaced technique", zh = "替换的技术" },
        }, etag);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);

        var technique = await _admin.GetJsonAsync("/api/v1/techniques/w-put-t");
        Assert.Equal("Replaced technique", technique.GetProperty("name").GetProperty("en").GetString());
        Assert.Null(technique.Str("abbreviation"));
        Assert.DoesNotContain("old alias", technique.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARenamedSlugAnswers308ToTheNewOneOnReadsAndWrites()
    {
        await CreateParadigmAsync("w-rename");
        var etag = await CreateTechniqueAsync("w-old-name", paradigm: "w-rename");

        var renamed = await _admin.MergePatchAsync("/api/v1/techniques/w-old-name", new { slug = "w-new-name" }, etag);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        var get = await _admin.GetAsync("/api/v1/techniques/w-old-name?fields=slug");
        Assert.Equal(HttpStatusCode.PermanentRedirect, get.StatusCode);
        Assert.Equal("http://localhost/api/v1/techniques/w-new-name?fields=slug", get.Headers.Location?.ToString());
        var below = await _admin.GetAsync("/api/v1/techniques/w-old-name/references");
        Assert.Equal(HttpStatusCode.PermanentRedirect, below.StatusCode);
        Assert.Equal("http://localhost/api/v1/techniques/w-new-name/references", below.Headers.Location?.ToString());
        var write = await _admin.MergePatchAsync("/api/v1/techniques/w-old-name", new { year = 2020 }, renamed.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PermanentRedirect, write.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync("/api/v1/techniques/w-new-name")).StatusCode);
    }

    [Fact]
    public async Task RelationshipsAreCreatedReadAndDeletedWithTheirETag()
    {
        await CreateParadigmAsync("w-edge");
        await CreateTechniqueAsync("w-edge-a", paradigm: "w-edge");
        await CreateTechniqueAsync("w-edge-b", paradigm: "w-edge");

        var created = await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-edge-a", "w-edge-b"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.AbsolutePath;
        Assert.Matches("^/api/v1/relationships/[0-9]+$", location);
        var technique = await _admin.GetJsonAsync("/api/v1/techniques/w-edge-a");
        Assert.Contains("w-edge-b", technique.GetRawText(), StringComparison.Ordinal);

        await (await _admin.PostJsonAsync("/api/v1/relationships", Edge("w-edge-a", "w-edge-b"))).AssertProblemAsync(HttpStatusCode.Conflict);

        var deleted = await _admin.DeleteAsync(location, await _admin.ETagOfAsync(location));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await (await _admin.GetAsync(location)).AssertProblemAsync(HttpStatusCode.Gone);
        Assert.DoesNotContain("w-edge-b", (await _admin.GetJsonAsync("/api/v1/techniques/w-edge-a")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TechniqueReferenceLinksAreCreatedAndDeleted()
    {
        await CreateParadigmAsync("w-link");
        await CreateTechniqueAsync("w-link-t", paradigm: "w-link");
        var reference = await _admin.PostJsonAsync("/api/v1/references", new { slug = "w-link-paper", title = "A linked paper", year = 2024, url = "https://example.org/paper" });
        Assert.Equal(HttpStatusCode.Created, reference.StatusCode);

        var linked = await _admin.PostJsonAsync("/api/v1/techniques/w-link-t/references", new { reference = "w-link-paper", role = "uses" });
        Assert.Equal(HttpStatusCode.Created, linked.StatusCode);
        Assert.Equal("http://localhost/api/v1/techniques/w-link-t/references/w-link-paper", linked.Headers.Location?.ToString());
        await (await _admin.PostJsonAsync("/api/v1/techniques/w-link-t/references", new { reference = "w-link-paper" })).AssertProblemAsync(HttpStatusCode.Conflict);

        var cited = await _admin.GetJsonAsync("/api/v1/techniques/w-link-t/references");
        Assert.Equal(["w-link-paper"], cited.Slugs());

        var link = await _admin.GetAsync("/api/v1/techniques/w-link-t/references/w-link-paper");
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var deleted = await _admin.DeleteAsync("/api/v1/techniques/w-link-t/references/w-link-paper", link.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty((await _admin.GetJsonAsync("/api/v1/techniques/w-link-t/references")).Slugs());
        await (await _admin.GetAsync("/api/v1/techniques/w-link-t/references/w-link-paper")).AssertProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task TheChangeFeedShowsEachWriteOnceWithTheKeyNameAndNeverTheSecret()
    {
        var (_, secret) = await api.CreateKeyAsync("feed-curator", "write");
        var curator = api.ClientWithKey(secret);

        var created = await curator.PostJsonAsync("/api/v1/paradigms", Paradigm("w-feed"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var patched = await curator.MergePatchAsync("/api/v1/paradigms/w-feed", new { position = 42 }, created.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        // A write that changes nothing records nothing.
        var unchanged = await curator.MergePatchAsync("/api/v1/paradigms/w-feed", new { position = 42 }, patched.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await curator.DeleteAsync("/api/v1/paradigms/w-feed", patched.Headers.ETag?.ToString())).StatusCode);

        var entries = new List<JsonElement>();
        var raw = new System.Text.StringBuilder();
        for (string? url = "/api/v1/changes?limit=200"; url is not null;)
        {
            var page = await curator.GetJsonAsync(url);
            raw.Append(page.GetRawText());
            entries.AddRange(page.GetProperty("items").EnumerateArray().Where(i => i.Str("key") == "w-feed"));
            url = page.Str("next");
        }

        Assert.Equal(["create", "update", "delete"], entries.Select(e => e.Str("operation")));
        Assert.All(entries, e => Assert.Equal("feed-curator", e.Str("author")));
        Assert.All(entries, e => Assert.Equal("paradigm", e.Str("kind")));
        Assert.Equal(42, entries[1].GetProperty("after").GetProperty("position").GetInt32());
        Assert.DoesNotContain(secret, raw.ToString(), StringComparison.Ordinal);

        var history = await curator.GetJsonAsync("/api/v1/paradigms/w-feed/history");
        Assert.Equal(3, history.GetProperty("items").GetArrayLength());
    }

    private static object Paradigm(string slug) => new
    {
        slug,
        name = new { en = $"Paradigm {slug.Replace("-", "", StringComparison.Ordinal)}", zh = "范式" },
        goal = new { en = "A goal", zh = "目标" },
        position = 90,
    };

    private static object Edge(string source, string target) => new { type = AcyclicType, source = $"technique:{source}", target = $"technique:{target}" };

    private async Task<string> CreateParadigmAsync(string slug)
    {
        var response = await _admin.PostJsonAsync("/api/v1/paradigms", Paradigm(slug));
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.ToString();
    }

    private async Task<string> CreateTechniqueAsync(string slug, string? paradigm = null, string? parent = null, string? abbreviation = null, string[]? aliases = null)
    {
        var response = await _admin.PostJsonAsync("/api/v1/techniques", new
        {
            slug,
            paradigm,
            parent,
            name = new { en = $"Technique {slug}", zh = "技术" },
            abbreviation,
            aliases,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {slug}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.ETag!.ToString();
    }
}
