using System.Diagnostics;
using System.Text.Json;
using PostTraining.Api.Tests.Deployment;
using PostTraining.Api.Tests.Infrastructure;

namespace PostTraining.Api.Tests.Client;

/// <summary>
/// Generates TypeScript types from the committed document (openapi-typescript), compiles tools/ts-client/main.ts
/// against them in strict mode (its type-level checks fail the build if, say, TechniqueDetail.slug stopped being a
/// plain string) and runs it with openapi-fetch against the service on a real port: list, search, a detail, a path
/// and a write with a key.
/// </summary>
public sealed class TypeScriptClientTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    private static readonly string Folder = Repository.PathOf("tools", "ts-client");

    [NodeToolsFact]
    public async Task TheTypedClientCompilesStrictlyAndTalksToTheService()
    {
        var bin = Path.Combine(NodeToolsFactAttribute.NodeModules, ".bin");
        await RunAsync(Path.Combine(bin, "openapi-typescript"), Repository.PathOf("openapi", "v1.json"), "--output", Path.Combine(Folder, "generated", "schema.d.ts"));
        await RunAsync(Path.Combine(bin, "tsc"), "--project", Path.Combine(Folder, "tsconfig.json"));
        var output = await RunAsync("node", Path.Combine(Folder, "build", "main.js"), api.BaseAddress.ToString(), "偏好优化");

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var page = JsonDocument.Parse(await http.GetStringAsync("api/v1/techniques?limit=200"));
        Assert.Contains($"techniques: {page.RootElement.GetProperty("items").GetArrayLength()}", output, StringComparison.Ordinal);
        Assert.Contains("search \"偏好优化\": technique:dpo", output, StringComparison.Ordinal);
        using var dpo = JsonDocument.Parse(await http.GetStringAsync("api/v1/techniques/dpo"));
        Assert.Contains($"detail: dpo ({dpo.RootElement.GetProperty("kind").GetString()}) under {dpo.RootElement.GetProperty("paradigm").GetProperty("slug").GetString()}", output, StringComparison.Ordinal);
        using var paths = JsonDocument.Parse(await http.GetStringAsync("api/v1/paths?from=dpo&to=ppo"));
        Assert.Contains($"paths dpo -> ppo: {paths.RootElement.GetProperty("paths").GetArrayLength()}", output, StringComparison.Ordinal);

        var created = output.Split('\n').Select(l => l.Trim()).SingleOrDefault(l => l.StartsWith("created reference: ", StringComparison.Ordinal));
        Assert.True(created is not null, $"the program did not report a created reference:\n{output}");
        var slug = created["created reference: ".Length..].Split(' ')[0];
        Assert.Contains($"/api/v1/references/{slug}", created, StringComparison.Ordinal);
        using var reference = JsonDocument.Parse(await http.GetStringAsync($"api/v1/references/{slug}"));
        Assert.Equal("A reference created by the TypeScript client sample", reference.RootElement.GetProperty("title").GetString());
    }

    /// <summary>Runs a tool with the admin key in its environment; a non-zero exit fails the test with its output.</summary>
    private static async Task<string> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        start.Environment["POSTTRAINING_API_KEY"] = ApiFactory.AdminKey;
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}");
        return output;
    }
}
