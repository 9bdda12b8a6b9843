using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Client;

/// <summary>
/// openapi/v1.json is what clients are generated from (the Kiota sample's client among them), so it must be exactly
/// what the service serves: a change to an endpoint without regenerating the document fails here.
/// </summary>
public sealed class CommittedOpenApiDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public const string RegenerateHint =
        "Regenerate it, and the sample's client, with `./openapi/regenerate.sh` (it runs this test with UPDATE_OPENAPI=1, "
        + "which writes the served document to openapi/v1.json, then `dotnet kiota generate` for samples/PostTraining.Client.Sample).";

    [Fact]
    public async Task CommittedDocumentIsWhatTheServiceServes()
    {
        var served = JsonNode.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"))!;
        var path = Repository.PathOf("openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllTextAsync(path, served.ToJsonString(options) + "\n");
        }

        Assert.True(File.Exists(path), $"{path} is missing. {RegenerateHint}");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(JsonNode.DeepEquals(committed, served),
            $"openapi/v1.json differs from the document the service serves at /swagger/v1/swagger.json " +
            $"(first difference at {FirstDifference(committed, served, "$")}). {RegenerateHint}");
    }

    /// <summary>A JSON path to the first place where the two documents differ, so the failure says where to look.</summary>
    private static string FirstDifference(JsonNode? a, JsonNode? b, string at)
    {
        if (a is JsonObject x && b is JsonObject y)
        {
            foreach (var key in x.Select(p => p.Key).Union(y.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(x[key], y[key]))
                {
                    return x.ContainsKey(key) && y.ContainsKey(key) ? FirstDifference(x[key], y[key], $"{at}.{key}")
                        : $"{at}.{key} ({(x.ContainsKey(key) ? "only in the committed file" : "only in the served document")})";
                }
            }
        }
        else if (a is JsonArray m && b is JsonArray n)
        {
            for (var i = 0; i < Math.Max(m.Count, n.Count); i++)
            {
                if (i >= m.Count || i >= n.Count)
                {
                    return $"{at}[{i}] (arrays differ in length)";
                }

                if (!JsonNode.DeepEquals(m[i], n[i]))
                {
                    return FirstDifference(m[i], n[i], $"{at}[{i}]");
                }
            }
        }

        return at;
    }
}
