using System.Net;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;
using PostTraining.Api.Tests.Writes;

namespace PostTraining.Api.Tests.Subscriptions;

/// <summary>With the default configuration a key holder cannot aim webhooks at plain http or at internal addresses.</summary>
public sealed class PrivateTargetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("http://example.org/hook", "https")]
    [InlineData("https://127.0.0.1/hook", "loopback")]
    [InlineData("https://10.1.2.3/hook", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[::1]/hook", "loopback")]
    [InlineData("https://localhost/hook", "loopback")]
    public async Task APrivateOrPlainHttpTargetIsRefused(string url, string named)
    {
        using var admin = api.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.AdminKey);
        var response = await admin.PostJsonAsync("/api/v1/subscriptions", new { url });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        var message = Assert.Single(JsonDocument.Parse(text).RootElement.GetProperty("errors").GetProperty("url").EnumerateArray()).GetString()!;
        Assert.Contains(named, message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, (await admin.GetJsonAsync("/api/v1/subscriptions")).GetProperty("items").GetArrayLength());
    }
}
