using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using PostTraining.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// Schemathesis' stateful checks: a generated entity is created, read back (ensure_resource_availability), changed
/// with its ETag, deleted, and then no longer served (use_after_free), for each writable kind; every answer also
/// passes the document conformance checks of <see cref="ResponseChecks"/>.
/// </summary>
public sealed class StatefulChainTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly Gen<string> Words = Gen.OneOf("preference", "偏好优化", "reward", "蒸馏", "merge", "مرحبا", "🤖 agents", "low-rank", "对齐");

    [Fact]
    public async Task CreateReadUpdateDeleteReadChainsHoldForEveryWritableKind()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiFactory.AdminKey);
        var (_, operations) = await ApiDescription.LoadAsync(client);
        var chains = 0;

        var gen = Gen.Select(Gen.Int[0, 3], Gen.Int[1, 999_999], Words, Gen.Int[1950, 2025]);
        await gen.SampleAsync(async (kind, n, word, year) =>
        {
            var (collection, body, patch) = kind switch
            {
                0 => ("references", new JsonObject { ["slug"] = $"chain-ref-{n}", ["title"] = $"On {word} ({n})", ["authors"] = new JsonArray("A. Author"), ["year"] = year },
                    new JsonObject { ["title"] = $"Revised: {word}" }),
                1 => ("techniques", new JsonObject { ["slug"] = $"chain-tech-{n}", ["paradigm"] = "alignment", ["parent"] = "dpo", ["kind"] = "method",
                        ["name"] = new JsonObject { ["en"] = $"Chain method {n}", ["zh"] = $"{word}方法" } },
                    new JsonObject { ["year"] = year }),
                2 => ("paradigms", new JsonObject { ["slug"] = $"chain-paradigm-{n}", ["name"] = new JsonObject { ["en"] = $"Paradigm {n}", ["zh"] = $"{word}范式" } },
                    new JsonObject { ["description"] = new JsonObject { ["en"] = word } }),
                _ => ("relationships", new JsonObject { ["type"] = "related-to", ["source"] = "technique:lora", ["target"] = $"model:gpt-3" },
                    new JsonObject { ["note"] = new JsonObject { ["en"] = word } }),
            };

            var created = await SendAsync(client, operations, HttpMethod.Post, $"/api/v1/{collection}", $"/api/v1/{collection}", body, "application/json", null);
            if (collection == "relationships" && created.StatusCode == HttpStatusCode.Conflict)
            {
                return; // the one edge this chain makes already exists from an earlier case: nothing to walk
            }

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var location = created.Headers.Location!.AbsolutePath;
            var itemTemplate = $"/api/v1/{collection}/{{{(collection == "relationships" ? "id" : "slug")}}}";

            var read = await SendAsync(client, operations, HttpMethod.Get, location, itemTemplate, null, null, null);
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"ensure_resource_availability: GET {location} after create answered {(int)read.StatusCode}");

            var changed = await SendAsync(client, operations, HttpMethod.Patch, location, itemTemplate, patch, "application/merge-patch+json", read.Headers.ETag);
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

            var again = await SendAsync(client, operations, HttpMethod.Get, location, itemTemplate, null, null, null);
            var deleted = await SendAsync(client, operations, HttpMethod.Delete, location, itemTemplate, null, null, again.Headers.ETag);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

            var gone = await SendAsync(client, operations, HttpMethod.Get, location, itemTemplate, null, null, null);
            Assert.True(gone.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"use_after_free: GET {location} after delete answered {(int)gone.StatusCode}");
            Interlocked.Increment(ref chains);
        }, writeLine: output.WriteLine, seed: FuzzSettings.Seed, iter: FuzzSettings.Long ? 2_000 : 60, threads: 1);

        output.WriteLine($"{chains} create-read-update-delete-read chains");
        Assert.True(chains >= 30, $"only {chains} chains ran to the end");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, IReadOnlyList<ApiOperation> operations, HttpMethod method, string url,
        string template, JsonObject? body, string? contentType, EntityTagHeaderValue? ifMatch)
    {
        var operation = operations.Single(o => o.Method == method.Method && o.PathTemplate == template);
        var request = new FuzzRequest(operation, url, [], ifMatch is null ? [] : [new("If-Match", ifMatch.ToString())],
            body?.ToJsonString(), contentType, Intent.Any, "stateful chain");
        using var message = request.ToHttp();
        var response = await client.SendAsync(message);
        await response.Content.LoadIntoBufferAsync();
        var failures = await ResponseChecks.CheckAsync(request, response);
        Assert.True(failures.Count == 0, $"{(int)response.StatusCode} for {request}\n  - {string.Join("\n  - ", failures)}");
        return response;
    }
}
