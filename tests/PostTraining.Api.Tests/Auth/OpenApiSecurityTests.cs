using System.Net;
using System.Text;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Auth;

public sealed class OpenApiSecurityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] SafeMethods = ["get", "head", "options"];

    [Fact]
    public async Task EveryNonGetOperationInTheOpenApiDocumentAnswers401WithoutAKey()
    {
        using var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var client = api.ClientWithKey(null);
        var checkedOperations = new List<string>();

        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => !SafeMethods.Contains(o.Name) && o.Name != "parameters"))
            {
                var url = System.Text.RegularExpressions.Regex.Replace(path.Name, "{[^}]+}", "1");
                var request = new HttpRequestMessage(new HttpMethod(operation.Name.ToUpperInvariant()), url)
                {
                    Content = new StringContent("{}", Encoding.UTF8, operation.Name == "patch" ? "application/merge-patch+json" : "application/json"),
                };
                var response = await client.SendAsync(request);

                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation.Name.ToUpperInvariant()} {path.Name} answered {(int)response.StatusCode} without a key");
                Assert.True(operation.Value.TryGetProperty("security", out var security) && security.GetArrayLength() > 0,
                    $"{operation.Name.ToUpperInvariant()} {path.Name} does not declare the API key in the document");
                checkedOperations.Add($"{operation.Name} {path.Name}");
            }
        }

        Assert.Contains("post /api/v1/keys", checkedOperations);
        Assert.Contains("delete /api/v1/keys/{id}", checkedOperations);
    }

    [Fact]
    public async Task TheDocumentDeclaresTheKeyAsSecuritySchemes()
    {
        using var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");

        Assert.Equal("http", schemes.GetProperty("bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("apiKeyHeader").GetProperty("type").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKeyHeader").GetProperty("name").GetString());

        var changes = document.RootElement.GetProperty("paths").GetProperty("/api/v1/changes").GetProperty("get");
        Assert.True(changes.TryGetProperty("security", out var open) && open.GetArrayLength() == 0, "reads must say they need no key (security: [])");
    }
}
