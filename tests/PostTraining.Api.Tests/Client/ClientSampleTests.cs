using System.Diagnostics;
using System.Text.Json;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Client;

/// <summary>
/// Builds and runs samples/PostTraining.Client.Sample (a console app on the Kiota client generated from
/// openapi/v1.json) against the service on a real port, as an integrator would.
/// </summary>
public sealed class ClientSampleTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task GeneratedClientSampleListsTechniquesSearchesAndCreatesAReference()
    {
        var (exitCode, output) = await RunSampleAsync(ApiFactory.AdminKey, api.BaseAddress.ToString(), "偏好优化");
        Assert.True(exitCode == 0, $"the sample failed (exit {exitCode}):\n{output}");

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        await ClientProgramOutput.AssertReadsAsync(http, output);
        using var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/techniques?limit=200"));
        Assert.Contains($"  {page.RootElement.GetProperty("items")[0].GetProperty("slug").GetString()}", output, StringComparison.Ordinal);

        // The sample prints the slug it chose; the reference must then be readable like any other.
        var slug = ClientProgramOutput.CreatedReferenceLine(output);
        using var response = await http.GetAsync(new Uri($"api/v1/references/{slug}", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var reference = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(slug, reference.RootElement.GetProperty("slug").GetString());
        Assert.Equal("A reference created by the generated-client sample", reference.RootElement.GetProperty("title").GetString());
    }

    /// <summary>`dotnet run` of the sample with an API key in its environment, the base URL and search text as arguments.</summary>
    private static async Task<(int ExitCode, string Output)> RunSampleAsync(string apiKey, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The test host's MSBuild variables would point a nested build at the test run's MSBuild instance.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["POSTTRAINING_API_KEY"] = apiKey;
        foreach (var argument in (string[])["run", "--project", Repository.PathOf("samples", "PostTraining.Client.Sample"),
                     "--disable-build-servers", "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the sample did not finish in 5 minutes:\n{await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
