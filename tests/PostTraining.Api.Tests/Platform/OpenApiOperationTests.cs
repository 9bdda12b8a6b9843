using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Platform;

public sealed class OpenApiOperationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task EveryOperationHasAnIdASummaryAndDocumentedProblemResponses()
    {
        using var doc = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var ids = new List<string>();
        var operations = 0;
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var where = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                var op = operation.Value;
                Assert.False(string.IsNullOrWhiteSpace(op.Str("operationId")), $"{where}: no operationId");
                ids.Add(op.Str("operationId")!);
                Assert.False(string.IsNullOrWhiteSpace(op.Str("summary")), $"{where}: no summary");
                Assert.False(string.IsNullOrWhiteSpace(op.Str("description")), $"{where}: no description");
                Assert.True(op.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{where}: no tag");

                var responses = op.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
                Assert.Contains(responses.Keys, k => k.StartsWith('2'));
                var errors = responses.Where(r => r.Key[0] is '4' or '5').ToArray();
                Assert.True(errors.Length > 0, $"{where}: no error responses documented");
                foreach (var (status, response) in errors)
                {
                    Assert.True(response.TryGetProperty("content", out var content) && content.TryGetProperty("application/problem+json", out _),
                        $"{where}: {status} is not documented as application/problem+json");
                }

                foreach (var parameter in op.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().ToArray() : [])
                {
                    Assert.False(string.IsNullOrWhiteSpace(parameter.Str("description")), $"{where}: parameter {parameter.Str("name")} has no description");
                    if (parameter.Str("in") != "header")
                    {
                        // Query and path parameters are camelCase; headers keep their HTTP names (If-None-Match).
                        Assert.Equal(parameter.Str("name"), JsonNamingPolicy.CamelCase.ConvertName(parameter.Str("name")!));
                    }
                }
            }
        }

        Assert.True(operations >= 25, $"only {operations} operations");
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task SwaggerUiPolish()
    {
        using var doc = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var info = doc.RootElement.GetProperty("info");
        Assert.Contains("Quick start", info.Str("description"));
        var tags = doc.RootElement.GetProperty("tags").EnumerateArray().Select(t => t.Str("name")!).ToArray();
        Assert.Equal(["Taxonomy", "Search", "Paradigms", "Techniques", "Graph"], tags[..5]);
        var q = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/search").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.Str("name") == "q");
        Assert.Equal("偏好优化", q.Str("example"));
        var limit = doc.RootElement.GetProperty("paths").GetProperty("/api/v1/techniques").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.Str("name") == "limit").GetProperty("schema");
        Assert.Equal(1, limit.GetProperty("minimum").GetInt32());
        Assert.Equal(200, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(50, limit.GetProperty("default").GetInt32());

        var html = await api.CreateClient().GetStringAsync("/swagger/index.html");
        Assert.Contains("PostTraining API", html);
    }
}
