using System.Net;
using System.Text.Json;
using CsCheck;
using PostTraining.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PostTraining.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes every operation the service documents, with requests generated from its own OpenAPI document, and
/// applies Schemathesis' checks to every answer (see <see cref="ResponseChecks"/>). A failure is shrunk by
/// CsCheck and printed as a request to replay.
/// </summary>
public sealed class OpenApiFuzzTests(ApiFactory api, ITestOutputHelper output) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    [Fact]
    public async Task EveryDocumentedOperationAnswersGeneratedRequestsAsDocumented()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        var (_, operations) = await ApiDescription.LoadAsync(client);
        Assert.NotEmpty(operations);
        var generator = new RequestGenerator(await CollectKnownValuesAsync(client, operations), ApiFactory.AdminKey);
        var all = Gen.OneOf<FuzzRequest>(operations.Select(generator.For).ToArray());

        var sent = 0;
        var byIntent = new Dictionary<Intent, int>();
        await all.SampleAsync(async request =>
        {
            using var message = request.ToHttp();
            // Headers first: a live stream (text/event-stream) never ends, so its body is not read (ResponseChecks).
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            Interlocked.Increment(ref sent);
            lock (byIntent)
            {
                byIntent[request.Intent] = byIntent.GetValueOrDefault(request.Intent) + 1;
            }

            var failures = await ResponseChecks.CheckAsync(request, response);
            if (failures.Count > 0)
            {
                throw new FuzzFailure($"{(int)response.StatusCode} for {request}\n  - {string.Join("\n  - ", failures)}");
            }
        }, writeLine: output.WriteLine, seed: FuzzSettings.Seed, iter: FuzzSettings.Iterations, threads: 1, print: r => r.ToString());

        output.WriteLine($"{sent} requests over {operations.Count} operations: " +
                         string.Join(", ", byIntent.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        Assert.True(sent >= FuzzSettings.Iterations, $"only {sent} requests were sent");
    }

    [Fact]
    public async Task UndocumentedMethodsAnswer405WithAllow()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        var (_, operations) = await ApiDescription.LoadAsync(client);
        var known = await CollectKnownValuesAsync(client, operations);
        var checkedPaths = 0;
        foreach (var group in operations.GroupBy(o => o.PathTemplate))
        {
            var documented = group.Select(o => o.Method).ToHashSet();
            var path = Concrete(group.Key, known);
            foreach (var method in Methods.Where(m => !documented.Contains(m)))
            {
                // Anonymous on purpose: routing must answer 405 before authorization does.
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.MethodNotAllowed, $"{method} {path}: expected 405, got {(int)response.StatusCode}");
                var allow = response.Content.Headers.Allow.Count > 0
                    ? response.Content.Headers.Allow
                    : (ICollection<string>)(response.Headers.TryGetValues("Allow", out var values) ? values.SelectMany(v => v.Split(',')).Select(v => v.Trim()).ToList() : []);
                Assert.True(documented.All(allow.Contains), $"{method} {path}: Allow '{string.Join(",", allow)}' lacks one of {string.Join(",", documented)}");
                checkedPaths++;
            }
        }

        Assert.True(checkedPaths > 0);
    }

    /// <summary>The slugs and ids that exist, per path parameter, from the list operation above each item path.</summary>
    internal static async Task<Dictionary<string, IReadOnlyList<string>>> CollectKnownValuesAsync(HttpClient client, IReadOnlyList<ApiOperation> operations)
    {
        var known = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var template in operations.Where(o => o.Method == "GET").Select(o => o.PathTemplate).Distinct())
        {
            var segments = template.Split('/');
            var first = Array.FindIndex(segments, s => s.StartsWith('{'));
            if (first < 0)
            {
                continue;
            }

            var listPath = string.Join('/', segments[..first]);
            var member = segments[first][1..^1] is "id" ? "id" : "slug";
            // The first page is plenty of real values to aim at; not every list takes a limit.
            using var response = await client.GetAsync(listPath);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                continue;
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (!json.RootElement.TryGetProperty("items", out var items))
            {
                continue;
            }

            var values = items.EnumerateArray()
                .Select(i => i.TryGetProperty(member, out var v) ? v.ToString() : null)
                .OfType<string>()
                .ToList();
            if (values.Count > 0)
            {
                known[RequestGenerator.KnownKey(template, segments[first][1..^1])] = values;
                foreach (var op in operations.Where(o => o.PathTemplate.StartsWith(string.Join('/', segments[..(first + 1)]), StringComparison.Ordinal)))
                {
                    known.TryAdd(RequestGenerator.KnownKey(op.PathTemplate, segments[first][1..^1]), values);
                }
            }
        }

        return known;
    }

    private static string Concrete(string template, IReadOnlyDictionary<string, IReadOnlyList<string>> known) =>
        string.Join('/', template.Split('/').Select(s =>
            s.StartsWith('{') ? Uri.EscapeDataString(known.GetValueOrDefault(RequestGenerator.KnownKey(template, s[1..^1]))?.FirstOrDefault() ?? "dpo") : s));

    private sealed class FuzzFailure(string message) : Exception(message);
}
